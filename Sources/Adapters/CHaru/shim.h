// libharu (Debian libhpdf-dev): PDF writing with embedded TrueType fonts and UTF-8 text.
#include <hpdf.h>
