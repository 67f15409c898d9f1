// libqrencode (Debian libqrencode-dev): QR code symbols as a matrix of modules.
#include <qrencode.h>
