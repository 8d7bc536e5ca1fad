#include "CTermShims.h"
#include <stdlib.h>
#include <wchar.h>
#include <string.h>
#include <stdio.h>
#include <locale.h>
#include <langinfo.h>
#include <termios.h>
#include <unistd.h>

WINDOW *term_stdscr(void) { return stdscr; }
int term_lines(void) { return LINES; }
int term_cols(void) { return COLS; }
int term_max_y(WINDOW *win) { int y, x; getmaxyx(win, y, x); (void)x; return y; }
int term_max_x(WINDOW *win) { int y, x; getmaxyx(win, y, x); (void)y; return x; }

unsigned int term_attr_bold(void) { return (unsigned int)A_BOLD; }
unsigned int term_attr_reverse(void) { return (unsigned int)A_REVERSE; }
unsigned int term_attr_underline(void) { return (unsigned int)A_UNDERLINE; }
unsigned int term_attr_dim(void) { return (unsigned int)A_DIM; }
unsigned int term_attr_normal(void) { return (unsigned int)A_NORMAL; }
unsigned int term_color_pair(int n) { return (unsigned int)COLOR_PAIR(n); }

unsigned int term_acs_hline(void) { return (unsigned int)ACS_HLINE; }
unsigned int term_acs_vline(void) { return (unsigned int)ACS_VLINE; }
unsigned int term_acs_ulcorner(void) { return (unsigned int)ACS_ULCORNER; }
unsigned int term_acs_urcorner(void) { return (unsigned int)ACS_URCORNER; }
unsigned int term_acs_llcorner(void) { return (unsigned int)ACS_LLCORNER; }
unsigned int term_acs_lrcorner(void) { return (unsigned int)ACS_LRCORNER; }

unsigned long term_mouse_button1_pressed(void) { return (unsigned long)BUTTON1_PRESSED; }
unsigned long term_mouse_button1_clicked(void) { return (unsigned long)BUTTON1_CLICKED; }
unsigned long term_mouse_button4_pressed(void) { return (unsigned long)BUTTON4_PRESSED; }
unsigned long term_mouse_button5_pressed(void) {
#ifdef BUTTON5_PRESSED
    return (unsigned long)BUTTON5_PRESSED;
#else
    return 0;
#endif
}
unsigned long term_mouse_all_events(void) { return (unsigned long)ALL_MOUSE_EVENTS; }

int term_put_utf8(WINDOW *win, int y, int x, const char *utf8, unsigned int attrs) {
    size_t n = strlen(utf8);
    wchar_t *wide = malloc((n + 1) * sizeof(wchar_t));
    if (!wide) return ERR;
    size_t count = mbstowcs(wide, utf8, n + 1);
    if (count == (size_t)-1) { free(wide); return mvwaddstr(win, y, x, utf8); }
    wattr_on(win, attrs, NULL);
    int rc = mvwaddnwstr(win, y, x, wide, (int)count);
    wattr_off(win, attrs, NULL);
    free(wide);
    return rc;
}

int term_setlocale_utf8(void) {
    setlocale(LC_ALL, "");
    const char *codeset = nl_langinfo(CODESET);
    return codeset != NULL && (strcmp(codeset, "UTF-8") == 0 || strcmp(codeset, "utf8") == 0);
}

SCREEN *term_newterm(void) { return newterm(NULL, stdout, stdin); }

int term_read_key(WINDOW *win, unsigned int *code) {
    wint_t ch = 0;
    int rc = wget_wch(win, &ch);
    *code = (unsigned int)ch;
    return rc;
}

int term_mouse_event(int *x, int *y, unsigned long *bstate) {
    MEVENT event;
    if (getmouse(&event) != OK) return ERR;
    *x = event.x;
    *y = event.y;
    *bstate = (unsigned long)event.bstate;
    return OK;
}

void term_set_escdelay(int ms) { set_escdelay(ms); }

const char *term_name(void) {
    const char *name = getenv("TERM");
    return name ? name : "";
}

int term_disable_flow_control_and_quit_key(void) {
    struct termios attributes;
    if (tcgetattr(STDIN_FILENO, &attributes) != 0) return -1;
    attributes.c_iflag &= ~(tcflag_t)(IXON | IXOFF);
    attributes.c_cc[VQUIT] = _POSIX_VDISABLE;
    if (tcsetattr(STDIN_FILENO, TCSANOW, &attributes) != 0) return -1;
    def_prog_mode();
    return 0;
}
