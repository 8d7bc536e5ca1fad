// readline's header needs FILE from stdio.h first.
#include <stdio.h>
#include <readline/readline.h>
#include <readline/history.h>

// Swift 6 refuses to read or write readline's mutable C globals directly; these inline accessors
// do it. The workbench calls them from one file on the main thread only.

static void xmr_rl_no_prep(int meta) { (void)meta; }
static void xmr_rl_no_deprep(void) {}

/// Makes readline an editor of bytes the workbench hands it: no signal handlers, no terminal
/// settings, no environment changes, output to `out` (a null stream), input from `getc_fn`,
/// display through `redisplay_fn`.
static inline void xmr_rl_configure(FILE *out, rl_getc_func_t *getc_fn, rl_voidfunc_t *redisplay_fn,
                                    rl_hook_func_t *available_fn) {
    rl_readline_name = "xmr";
    rl_catch_signals = 0;
    rl_catch_sigwinch = 0;
    rl_change_environment = 0;
    rl_prep_term_function = xmr_rl_no_prep;
    rl_deprep_term_function = xmr_rl_no_deprep;
    rl_outstream = out;
    rl_getc_function = getc_fn;
    rl_redisplay_function = redisplay_fn;
    rl_input_available_hook = available_fn;
}

/// The line being edited.
static inline const char *xmr_rl_line_buffer(void) { return rl_line_buffer ? rl_line_buffer : ""; }
/// The cursor, as a byte offset into the line.
static inline int xmr_rl_point(void) { return rl_point; }
/// The prompt readline shows now (the installed one, or its incremental search prompt).
static inline const char *xmr_rl_display_prompt(void) { return rl_display_prompt ? rl_display_prompt : ""; }
