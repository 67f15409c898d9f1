// zbar's C API (Debian libzbar-dev): QR codes and bar codes found in a gray image.
#include <zbar.h>
