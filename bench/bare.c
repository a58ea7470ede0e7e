/* bare.c — the bare ncurses program that `make bench` compares the first
 * frame of coopcheck with (bench/run.py): it draws a full screen, every cell
 * (a title line and a status line in reverse video, text in between, a
 * vertical line between two panes), and waits for a key; q ends it (and
 * so does a terminal that is gone).  Built
 * with the same flags as coopcheck, started with the same TERM, size and
 * locale on the same kind of pseudo-terminal. */
#include <curses.h>
#include <locale.h>

static const char words[] = "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do "
                            "eiusmod tempor incididunt ut labore et dolore magna aliqua. ";

int main(void)
{
    int rows, cols, y, x;
    setlocale(LC_ALL, "");
    initscr();
    cbreak();
    noecho();
    nonl();
    curs_set(0);
    getmaxyx(stdscr, rows, cols);
    for (y = 0; y < rows; y++) {
        int edge = y == 0 || y == rows - 1;
        if (edge)
            attron(A_REVERSE);
        for (x = 0; x < cols; x++) {
            if (!edge && x == cols / 3)
                mvaddch(y, x, ACS_VLINE);
            else
                mvaddch(y, x, (chtype)(unsigned char)words[(y * 7 + x) % (sizeof(words) - 1)]);
        }
        if (edge)
            attroff(A_REVERSE);
    }
    attron(A_REVERSE);
    mvaddstr(0, 1, " bare ncurses: a full screen ");
    mvaddstr(rows - 1, 1, " q quits ");
    attroff(A_REVERSE);
    refresh();
    do
        x = getch();
    while (x != 'q' && x != ERR);   /* ERR: the terminal is gone */
    endwin();
    return 0;
}
