"""Importing journey maps from spreadsheets (.xlsx, .xlsm, .ods, .csv, .tsv, .txt).

The reading steps, in order, are visible in the module names:
1. `source*` - open the file safely and turn each sheet into a plain `Grid` of cells
   (`source_xlsx` reads the raw workbook parts, `source_csv` sniffs delimiter and encoding,
   `source_drawings` the native charts and the text of shapes, placed in the cells under them);
2. `grid*` - the `Grid` data, and views and blocks of non-empty cells on it (`grid_split`
   separates several maps on one sheet);
3. `detect*` - find the map on the grid: orientation, stages, lanes and their kinds (by keyword,
   CJK term, question, compound word or content: `detect_lane_kinds`, `detect_lane_meaning`),
   blueprint divider rows (`detect_dividers`), emotions and charts (`detect_charts`), cards
   (`detect` drives it; the result is a `detect_result.Detection`, other maps in its `other_maps`);
4. `build*` - turn a detection into a `JourneyMap` (and the persona block into a persona);
`read_sheet` runs steps 2-4 for one workbook, `read_xlsx` / `read_csv` are the registered
readers, `report` groups the import report (found / guessed / left out), and `preview` is the
Qt-free half of the import dialog.
"""
