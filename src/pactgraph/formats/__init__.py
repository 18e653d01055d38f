"""Readers for the file formats beyond plain text: each gives the text read and the roles the
format's own structure gives its lines (:class:`~pactgraph.model.LineRole`).

- :mod:`.markdown` — CommonMark with tables (markdown-it-py): headings, list items, table rows;
- :mod:`.word` — .docx (python-docx): masthead header, paragraphs, heading styles, numbering,
  tables;
- :mod:`.pdf` — .pdf (pypdfium2): text lines in reading order, running headers and footers, page
  numbers and job numbers dropped by their position and repetition.
"""
