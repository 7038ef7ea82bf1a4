from django import template

from forum.members import world_map

register = template.Library()


@register.simple_tag
def members_map(members, title):
    """The world map with `members` as links: {% members_map members title %}."""
    return world_map.members_map(members, title)
