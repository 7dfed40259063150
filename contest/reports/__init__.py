"""Reports and exports of a round: the workbook, the CSV zip, the weekly report."""
