//! Reading workbooks: fixtures made by rust_xlsxwriter and by LibreOffice, hostile files.
