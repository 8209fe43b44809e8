"""PyInstaller runtime hook: runs before swdesk's code in the bundle.

The bundle leaves out pypinyin's 2.5 MB phrase dictionary; swdesk reads names one
character at a time and never needs it (see swdesk/pinyin.py). Make sure no
import of pypinyin goes looking for it.
"""

import os

os.environ["PYPINYIN_NO_PHRASES"] = "true"
