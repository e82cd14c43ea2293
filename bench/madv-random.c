/*
 * LD_PRELOAD diagnostic for bench/touched-pages.sh: MADV_RANDOM on every mapping of the executable's own file, both the
 * loader's (code) and the ones a native image maps itself at start (its image heap, through mmap), so that a page fault
 * reads only the faulting page: no read-around. With the file evicted from the page cache beforehand, the kernel's
 * fault-around then finds no neighbours cached, and RSS counts only the pages the process really touched.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

static void *(*real_mmap)(void *, size_t, int, int, int, off_t);
static struct stat exe;
static int exe_known;

static int is_exe(int fd) {
    struct stat s;
    if (!exe_known) {
        exe_known = stat("/proc/self/exe", &exe) == 0 ? 1 : -1;
    }
    return exe_known == 1 && fstat(fd, &s) == 0 && s.st_dev == exe.st_dev && s.st_ino == exe.st_ino;
}

__attribute__((constructor)) static void random_exe_mappings(void) {
    char self[4096], line[8192], path[4096];
    ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
    FILE *maps = fopen("/proc/self/maps", "r");
    if (n <= 0 || !maps) {
        return;
    }
    self[n] = 0;
    while (fgets(line, sizeof line, maps)) {
        unsigned long from, to;
        path[0] = 0;
        if (sscanf(line, "%lx-%lx %*s %*s %*s %*s %4095s", &from, &to, path) >= 2 && strcmp(path, self) == 0) {
            madvise((void *) from, to - from, MADV_RANDOM);
        }
    }
    fclose(maps);
}

void *mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off) {
    if (!real_mmap) {
        real_mmap = (void *(*)(void *, size_t, int, int, int, off_t)) dlsym(RTLD_NEXT, "mmap");
    }
    void *mapped = real_mmap(addr, len, prot, flags, fd, off);
    if (mapped != MAP_FAILED && fd >= 0 && is_exe(fd)) {
        madvise(mapped, len, MADV_RANDOM);
    }
    return mapped;
}

void *mmap64(void *addr, size_t len, int prot, int flags, int fd, off_t off) __attribute__((alias("mmap")));
