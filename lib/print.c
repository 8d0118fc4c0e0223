/* print.c — finds a document's template, renders it with the document's
 * record and the company settings, and writes text or HTML, or pipes the
 * HTML into a PDF renderer. */
#include <cjson/cJSON.h>
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "config.h"
#include "print.h"
#include "template.h"
#include "text.h"

/* The defaults in lib/templates/, compiled in by the Makefile. */
struct crm_embedded_template {
	const char *name, *text;
};
extern const struct crm_embedded_template crm_embedded_templates[];

const char *crm_print_datadir = CRM_DATADIR "/crm/templates";

#define PDF_PACKAGE "weasyprint"

int crm_print_format_parse(const char *name, enum crm_print_format *fmt)
{
	static const char *const names[] = {"text", "html", "pdf"};

	for (size_t i = 0; i < sizeof names / sizeof *names; i++)
		if (strcmp(name, names[i]) == 0) {
			*fmt = (enum crm_print_format)i;
			return 0;
		}
	return -1;
}

const char *crm_print_builtin(const char *file)
{
	for (const struct crm_embedded_template *t = crm_embedded_templates; t->name; t++)
		if (strcmp(t->name, file) == 0)
			return t->text;
	return NULL;
}

static char *xstrdup(const char *s)
{
	char *p = strdup(s);

	if (!p)
		abort();
	return p;
}

/* Reads the whole file at path into *text.  CRM_ENOTFOUND when it does
 * not exist, CRM_EFAIL when it cannot be read. */
static int read_file(const char *path, char **text, struct crm_err *err)
{
	FILE *fp = fopen(path, "rb");
	struct crm_buf b = {0};
	char chunk[8192];
	size_t n;

	if (!fp)
		return crm_fail(err, errno == ENOENT ? CRM_ENOTFOUND : CRM_EFAIL,
				"cannot read template '%s': %s", path, strerror(errno));
	crm_buf_adds(&b, "");
	while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0)
		crm_buf_add(&b, chunk, n);
	if (ferror(fp)) {
		int e = errno;

		fclose(fp);
		free(b.data);
		return crm_fail(err, CRM_EFAIL, "cannot read template '%s': %s", path, strerror(e));
	}
	fclose(fp);
	*text = b.data;
	return CRM_OK;
}

/* Tries dir/file: CRM_OK with *text and *name set, CRM_ENOTFOUND, or
 * CRM_EFAIL. */
static int try_dir(const char *dir, const char *sub, const char *file, char **text, char **name,
		   struct crm_err *err)
{
	struct crm_buf path = {0};
	int rc;

	crm_buf_addf(&path, "%s%s/%s", dir, sub, file);
	rc = read_file(path.data, text, err);
	if (rc == CRM_OK)
		*name = path.data;
	else
		free(path.data);
	return rc;
}

int crm_print_template(const char *kind, const char *ext, char **text, char **name,
		       struct crm_err *err)
{
	const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME"), *builtin;
	struct crm_buf file = {0};
	int rc = CRM_ENOTFOUND;

	/* a name that stays a file name in the template directories */
	if (!*kind || strlen(kind) > 63 ||
	    kind[strspn(kind, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-")])
		return crm_fail(err, CRM_ENOTFOUND, "no template for '%s'", kind);
	crm_buf_addf(&file, "%s.%s", kind, ext);
	if (xdg && *xdg == '/')
		rc = try_dir(xdg, "/crm/templates", file.data, text, name, err);
	else if (home && *home)
		rc = try_dir(home, "/.config/crm/templates", file.data, text, name, err);
	if (rc == CRM_ENOTFOUND && crm_print_datadir && *crm_print_datadir)
		rc = try_dir(crm_print_datadir, "", file.data, text, name, err);
	if (rc == CRM_ENOTFOUND && (builtin = crm_print_builtin(file.data))) {
		*text = xstrdup(builtin);
		crm_buf_reset(&file);
		crm_buf_addf(&file, "built-in %s.%s", kind, ext);
		*name = xstrdup(file.data);
		rc = CRM_OK;
	} else if (rc == CRM_ENOTFOUND) {
		crm_fail(err, rc, "no template '%s'", file.data);
	}
	free(file.data);
	return rc;
}

cJSON *crm_print_data(struct crm_store *st, const struct crm_rec *rec)
{
	static const char *const keys[] = {"name", "address", "email", "phone", "tax_id", "bank"};
	cJSON *data = crm_rec_json(rec), *company = cJSON_CreateObject();
	char key[32], day[CRM_DATE_BUFSZ];

	if (!data || !company)
		abort();
	for (size_t i = 0; st && i < sizeof keys / sizeof *keys; i++) {
		char *v;

		snprintf(key, sizeof key, "company.%s", keys[i]);
		if ((v = crm_config_value(st, key))) {
			cJSON_AddStringToObject(company, keys[i], v);
			free(v);
		}
	}
	cJSON_DeleteItemFromObjectCaseSensitive(data, "company");
	cJSON_AddItemToObject(data, "company", company);
	cJSON_DeleteItemFromObjectCaseSensitive(data, "today");
	if (st)
		cJSON_AddStringToObject(data, "today", crm_date_format(st->clock.today, day));
	return data;
}

/* Writes all of buf to fp; CRM_EFAIL on a write error. */
static int write_all(FILE *fp, const struct crm_buf *buf, const char *what, struct crm_err *err)
{
	if ((buf->len && fwrite(buf->data, 1, buf->len, fp) != buf->len) || fflush(fp) != 0 ||
	    ferror(fp))
		return crm_fail(err, CRM_EFAIL, "write error on %s: %s", what, strerror(errno));
	return CRM_OK;
}

int crm_file_stage(const char *path, const char *data, size_t len, char **tmp,
		   struct crm_err *err)
{
	struct crm_buf name = {0};
	mode_t mask = umask(0);
	FILE *fp = NULL;
	int fd, ok;

	umask(mask);
	*tmp = NULL;
	/* beside path, so that the rename is atomic */
	crm_buf_addf(&name, "%s.XXXXXX", path);
	if ((fd = mkstemp(name.data)) < 0 || !(fp = fdopen(fd, "wb"))) {
		int e = errno;

		if (fd >= 0) {
			close(fd);
			unlink(name.data);
		}
		free(name.data);
		return crm_fail(err, CRM_EFAIL, "cannot write '%s': %s", path, strerror(e));
	}
	fchmod(fd, 0666 & ~mask);
	ok = (!len || fwrite(data, 1, len, fp) == len) && fflush(fp) == 0 && !ferror(fp);
	if (fclose(fp) != 0 || !ok) {
		int e = errno;

		unlink(name.data);
		free(name.data);
		return crm_fail(err, CRM_EFAIL, "write error on %s: %s", path, strerror(e));
	}
	*tmp = name.data;
	return CRM_OK;
}

int crm_file_publish(const char *tmp, const char *path, int rc, struct crm_err *err)
{
	if (rc == CRM_OK && rename(tmp, path) != 0)
		rc = crm_fail(err, CRM_EFAIL, "cannot write '%s': %s", path, strerror(errno));
	if (rc != CRM_OK)
		unlink(tmp);
	return rc;
}

static int write_file(const char *path, const struct crm_buf *buf, struct crm_err *err)
{
	char *tmp;
	int rc = crm_file_stage(path, buf->data, buf->len, &tmp, err);

	if (rc == CRM_OK)
		rc = crm_file_publish(tmp, path, rc, err);
	free(tmp);
	return rc;
}

/* Is prog an executable file in a directory of $PATH? */
static int on_path(const char *prog)
{
	const char *p = getenv("PATH");
	struct crm_buf b = {0};
	int found = 0;

	while (p && *p && !found) {
		size_t len = strcspn(p, ":");

		crm_buf_reset(&b);
		crm_buf_addf(&b, "%.*s/%s", (int)len, len ? p : ".", prog);
		found = access(b.data, X_OK) == 0;
		p += len + (p[len] == ':');
	}
	free(b.data);
	return found;
}

/* Runs `sh -c 'CMD "$1"' crm-pdf target` with html on its standard input
 * and its standard output on out_fd (-1: unchanged). */
static int run_renderer(const char *cmd, const char *target, int out_fd,
			const struct crm_buf *html, struct crm_err *err)
{
	struct crm_buf line = {0};
	struct sigaction ign = {.sa_handler = SIG_IGN}, old;
	int fds[2], status, rc = CRM_OK;
	size_t done = 0;
	pid_t pid;

	crm_buf_addf(&line, "%s \"$1\"", cmd);
	if (pipe(fds) != 0) {
		free(line.data);
		return crm_fail(err, CRM_EFAIL, "cannot run pdf renderer: %s", strerror(errno));
	}
	if ((pid = fork()) < 0) {
		close(fds[0]);
		close(fds[1]);
		free(line.data);
		return crm_fail(err, CRM_EFAIL, "cannot run pdf renderer: %s", strerror(errno));
	}
	if (pid == 0) {
		dup2(fds[0], 0);
		if (out_fd >= 0 && out_fd != 1)
			dup2(out_fd, 1);
		close(fds[0]);
		close(fds[1]);
		execl("/bin/sh", "sh", "-c", line.data, "crm-pdf", target, (char *)NULL);
		_exit(127);
	}
	close(fds[0]);
	/* a renderer that stops reading must not kill crm with SIGPIPE */
	sigaction(SIGPIPE, &ign, &old);
	while (done < html->len) {
		ssize_t n = write(fds[1], html->data + done, html->len - done);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			break; /* the exit status tells what went wrong */
		done += (size_t)n;
	}
	close(fds[1]);
	sigaction(SIGPIPE, &old, NULL);
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR) {
			status = -1;
			break;
		}
	if (status == -1 || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
		rc = crm_fail(err, CRM_EFAIL, "pdf renderer '%s' failed (%s %d)", cmd,
			      status != -1 && WIFSIGNALED(status) ? "signal" : "exit status",
			      status == -1 ? -1
			      : WIFSIGNALED(status) ? WTERMSIG(status)
						    : WEXITSTATUS(status));
	else if (done < html->len)
		rc = crm_fail(err, CRM_EFAIL, "pdf renderer '%s' did not read the document", cmd);
	free(line.data);
	return rc;
}

static int write_pdf(const struct crm_print_opts *o, const struct crm_buf *html, FILE *out,
		     struct crm_err *err)
{
	const char *cmd = getenv("CRM_PDF");
	char *tmp;
	int rc;

	if (!cmd || !*cmd) {
		if (!on_path(PDF_PACKAGE))
			return crm_fail(err, CRM_EFAIL,
					"no pdf renderer: install %s (apt-get install %s) "
					"or set CRM_PDF",
					PDF_PACKAGE, PDF_PACKAGE);
		cmd = PDF_PACKAGE " -";
	}
	if (!o->output_path) {
		if (fileno(out) < 0) /* a memory stream: the renderer cannot write there */
			return crm_fail(err, CRM_EUSAGE, "pdf goes to a file: use --output FILE");
		if (fflush(out) != 0)
			return crm_fail(err, CRM_EFAIL, "write error: %s", strerror(errno));
		return run_renderer(cmd, "-", fileno(out), html, err);
	}
	/* the renderer writes the (empty) staged file */
	if ((rc = crm_file_stage(o->output_path, "", 0, &tmp, err)) != CRM_OK)
		return rc;
	rc = run_renderer(cmd, tmp, -1, html, err);
	rc = crm_file_publish(tmp, o->output_path, rc, err);
	free(tmp);
	return rc;
}

/* The record's own kind (its field "kind"), or "" when it has none. */
static const char *record_kind(const cJSON *data)
{
	const cJSON *kind = cJSON_GetObjectItemCaseSensitive(data, "kind");

	return cJSON_IsString(kind) ? kind->valuestring : "";
}

int crm_print(struct crm_store *st, const char *kind, const struct crm_rec *rec,
	      const struct crm_print_opts *o, FILE *out, struct crm_err *err)
{
	const char *ext = o->format == CRM_PRINT_TEXT ? "txt" : "html";
	char *text = NULL, *name = NULL;
	struct crm_buf doc = {0};
	cJSON *data;
	int rc;

	if (o->format == CRM_PRINT_PDF && !o->output_path && isatty(fileno(out)))
		return crm_fail(err, CRM_EUSAGE, "will not write pdf to a terminal; use --output FILE");
	data = crm_print_data(st, rec);
	if (o->template_path) {
		if ((rc = read_file(o->template_path, &text, err)) == CRM_ENOTFOUND)
			rc = CRM_EFAIL; /* a file the user named: an I/O error like any other */
		name = xstrdup(o->template_path);
	} else {
		rc = crm_print_template(kind ? kind : record_kind(data), ext, &text, &name, err);
	}
	if (rc != CRM_OK) {
		cJSON_Delete(data);
		free(name);
		return rc;
	}
	rc = crm_tpl_expand(name, text, o->format == CRM_PRINT_TEXT ? CRM_TPL_TEXT : CRM_TPL_HTML,
			    data, &doc, err);
	cJSON_Delete(data);
	free(text);
	free(name);
	if (rc == CRM_OK) {
		if (o->format == CRM_PRINT_PDF)
			rc = write_pdf(o, &doc, out, err);
		else if (o->output_path)
			rc = write_file(o->output_path, &doc, err);
		else
			rc = write_all(out, &doc, "standard output", err);
	}
	free(doc.data);
	return rc;
}
