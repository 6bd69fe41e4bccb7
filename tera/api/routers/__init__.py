"""One router per resource. These modules keep real annotations (no `from __future__ import
annotations`): ninja reads them at import time to build the parameters and the schema."""
