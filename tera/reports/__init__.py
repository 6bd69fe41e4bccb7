"""Reports: workbooks, exports, dashboards and charts of a period."""
