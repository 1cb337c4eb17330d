/*
 * exitwrap EXIT_FILE PROGRAM [ARG]...: runs PROGRAM as its child and
 * appends the child's exit status, as a shell's $? shows it, to EXIT_FILE.
 * The interface's e2e tests (tests/e2e/lib/ui.sh) run tpmtrain in a tmux
 * pane through it, since a pane shows no exit status.
 *
 * The child stays in the terminal's foreground process group and gets the
 * terminal's signals as if it ran alone; this wrapper ignores them.  It
 * stops only once the child has stopped (Ctrl-Z), so the shell reports
 * the job stopped after tpmtrain has given the terminal back, as without
 * the wrapper; the shell's fg continues both.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static const int terminal_signals[] = {
	SIGINT, SIGQUIT, SIGTERM, SIGHUP, SIGTSTP, SIGTTIN, SIGTTOU,
};
#define N_SIGNALS (sizeof(terminal_signals) / sizeof(terminal_signals[0]))

static int wait_child(pid_t pid)
{
	int st;

	for (;;) {
		if (waitpid(pid, &st, WUNTRACED) < 0) {
			if (errno == EINTR)
				continue;
			perror("exitwrap: waitpid");
			return 255;
		}
		if (WIFSTOPPED(st)) {
			raise(SIGSTOP);
			continue;
		}
		if (WIFSIGNALED(st))
			return 128 + WTERMSIG(st);
		return WEXITSTATUS(st);
	}
}

int main(int argc, char **argv)
{
	sigset_t all, old;
	pid_t pid;
	FILE *f;
	int code;
	size_t i;

	if (argc < 3) {
		fprintf(stderr, "usage: exitwrap EXIT_FILE PROGRAM [ARG]...\n");
		return 2;
	}
	/* No signal between the fork and the parent ignoring it. */
	sigfillset(&all);
	sigprocmask(SIG_BLOCK, &all, &old);
	pid = fork();
	if (pid < 0) {
		perror("exitwrap: fork");
		return 2;
	}
	if (pid == 0) {
		sigprocmask(SIG_SETMASK, &old, NULL);
		execvp(argv[2], argv + 2);
		fprintf(stderr, "exitwrap: %s: %s\n", argv[2], strerror(errno));
		_exit(127);
	}
	for (i = 0; i < N_SIGNALS; i++)
		signal(terminal_signals[i], SIG_IGN);
	sigprocmask(SIG_SETMASK, &old, NULL);
	code = wait_child(pid);
	f = fopen(argv[1], "a");
	if (!f || fprintf(f, "%d\n", code) < 0 || fclose(f) != 0) {
		perror(argv[1]);
		return 255;
	}
	return code;
}
