"""gunicorn reads this file from its working directory (the repository root) at start-up.

The report's statistics, chart and PDF libraries take seconds to import, so the app imports them
on first use only (every CLI command would pay otherwise). Under gunicorn that first use was each
worker's first report: 4.8-5.5 s. Imported here, in the master before the workers fork, every
worker starts with them loaded.
"""
import stopform.reports.document  # noqa: F401  (WeasyPrint)
import stopform.reports.presenter  # noqa: F401  (matplotlib)
import stopform.reports.storage  # noqa: F401  (the report service: pandas, scipy, statsmodels)
