// Small C wrappers for ncurses macros and globals that Swift cannot import directly.
#ifndef CTERMSHIMS_H
#define CTERMSHIMS_H
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <ncursesw/ncurses.h>

/// The standard screen window (a C global Swift 6 refuses to read).
WINDOW *term_stdscr(void);
/// Terminal rows (LINES).
int term_lines(void);
/// Terminal columns (COLS).
int term_cols(void);
/// Rows of a window (getmaxy without the macro).
int term_max_y(WINDOW *win);
/// Columns of a window.
int term_max_x(WINDOW *win);

/// Attribute masks.
unsigned int term_attr_bold(void);
unsigned int term_attr_reverse(void);
unsigned int term_attr_underline(void);
unsigned int term_attr_dim(void);
unsigned int term_attr_normal(void);
/// COLOR_PAIR(n) as an attribute.
unsigned int term_color_pair(int n);

/// ACS line-drawing characters (valid only after initscr/newterm).
unsigned int term_acs_hline(void);
unsigned int term_acs_vline(void);
unsigned int term_acs_ulcorner(void);
unsigned int term_acs_urcorner(void);
unsigned int term_acs_llcorner(void);
unsigned int term_acs_lrcorner(void);

/// Mouse masks.
unsigned long term_mouse_button1_pressed(void);
unsigned long term_mouse_button1_clicked(void);
unsigned long term_mouse_button4_pressed(void);
unsigned long term_mouse_button5_pressed(void);
unsigned long term_mouse_all_events(void);

/// Draws one UTF-8 string at (y, x) with attributes, using the wide-character API.
int term_put_utf8(WINDOW *win, int y, int x, const char *utf8, unsigned int attrs);
/// Sets the locale from the environment (LC_ALL=""); returns 1 when the character set is UTF-8.
int term_setlocale_utf8(void);
/// newterm(NULL, stdout, stdin) as the current screen; NULL when the terminal cannot be used.
SCREEN *term_newterm(void);
/// Reads one key with wget_wch: returns ERR on timeout, OK for a character, KEY_CODE_YES for a
/// function key; the character or key code goes to *code.
int term_read_key(WINDOW *win, unsigned int *code);
/// The last mouse event: returns OK and fills x, y and the button state, or ERR.
int term_mouse_event(int *x, int *y, unsigned long *bstate);
/// Sets how long ncurses waits after Esc for an escape sequence, in milliseconds.
void term_set_escdelay(int ms);
/// Turns off XON/XOFF flow control (Ctrl-S would freeze the screen) and the quit character
/// (Ctrl-\ would raise SIGQUIT) on stdin's terminal, then records that as curses' program mode so
/// it survives endwin/refresh cycles. Returns 0 on success, -1 when stdin is not a terminal.
int term_disable_flow_control_and_quit_key(void);
/// The terminal's TERM name as ncurses sees it (for the "dumb" check); empty when unset.
const char *term_name(void);
#endif
