// Tesseract's C API and Leptonica's image functions (Debian libtesseract-dev).
#include <tesseract/capi.h>
#include <leptonica/allheaders.h>
