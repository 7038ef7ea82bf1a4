"""The public site as a folder of static files (`manage.py export_site DIR`) and its
checks (`manage.py verify_export DIR [--against OTHER]`): docs/archive.md.

- `addresses`: which public address becomes which file, and how one file links to another;
- `pages`: what changes in an exported HTML page (relative links, notes for the forms);
- `manifest`: the list of files with their checksums, checked and compared;
- `export`: the export itself, through the site's own views.
"""
