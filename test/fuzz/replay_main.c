/*-------------------------------------------------------------------------
 *
 * replay_main.c
 *	  Run a libFuzzer harness over saved inputs without libFuzzer, so that
 *	  the corpora can be replayed by a plain gcc build (with sanitizers).
 *
 * Usage: replay FILE_OR_DIRECTORY...
 * Each file, and each regular file directly inside each directory, is
 * passed to LLVMFuzzerTestOneInput once.  A harness failure aborts; on
 * success one summary line is printed.
 *
 *-------------------------------------------------------------------------
 */
#define _POSIX_C_SOURCE 200809L

#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Feed one file to the harness; returns 0 on success, -1 if unreadable. */
static int
replay_file(const char *path)
{
	FILE	   *f = fopen(path, "rb");
	uint8_t    *data = NULL;
	size_t		size = 0;
	size_t		cap = 0;
	size_t		n;

	if (f == NULL)
	{
		fprintf(stderr, "replay: could not open \"%s\"\n", path);
		return -1;
	}
	for (;;)
	{
		if (size == cap)
		{
			uint8_t    *bigger;

			cap = cap ? cap * 2 : 4096;
			bigger = realloc(data, cap);
			if (bigger == NULL)
			{
				fprintf(stderr, "replay: out of memory reading \"%s\"\n", path);
				free(data);
				fclose(f);
				return -1;
			}
			data = bigger;
		}
		n = fread(data + size, 1, cap - size, f);
		size += n;
		if (n == 0)
			break;
	}
	if (ferror(f))
	{
		fprintf(stderr, "replay: could not read \"%s\"\n", path);
		free(data);
		fclose(f);
		return -1;
	}
	fclose(f);

	/* an exact-size copy, so that ASan catches reads past the end */
	{
		uint8_t    *exact = malloc(size ? size : 1);

		if (exact == NULL)
		{
			free(data);
			return -1;
		}
		if (size > 0)
			memcpy(exact, data, size);
		free(data);
		LLVMFuzzerTestOneInput(exact, size);
		free(exact);
	}
	return 0;
}

int
main(int argc, char **argv)
{
	long		inputs = 0;
	int			errors = 0;
	int			i;

	for (i = 1; i < argc; i++)
	{
		struct stat st;

		if (stat(argv[i], &st) != 0)
		{
			fprintf(stderr, "replay: could not stat \"%s\"\n", argv[i]);
			errors++;
			continue;
		}
		if (S_ISDIR(st.st_mode))
		{
			DIR		   *dir = opendir(argv[i]);
			struct dirent *de;

			if (dir == NULL)
			{
				fprintf(stderr, "replay: could not open directory \"%s\"\n", argv[i]);
				errors++;
				continue;
			}
			while ((de = readdir(dir)) != NULL)
			{
				size_t		len = strlen(argv[i]) + strlen(de->d_name) + 2;
				char	   *path = malloc(len);
				struct stat est;

				if (path == NULL)
				{
					errors++;
					break;
				}
				snprintf(path, len, "%s/%s", argv[i], de->d_name);
				if (stat(path, &est) == 0 && S_ISREG(est.st_mode))
				{
					if (replay_file(path) == 0)
						inputs++;
					else
						errors++;
				}
				free(path);
			}
			closedir(dir);
		}
		else if (replay_file(argv[i]) == 0)
			inputs++;
		else
			errors++;
	}
	printf("replayed %ld input%s from %d argument%s, %d unreadable\n",
		   inputs, inputs == 1 ? "" : "s", argc - 1, argc == 2 ? "" : "s",
		   errors);
	return errors == 0 ? 0 : 1;
}
