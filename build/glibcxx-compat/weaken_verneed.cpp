// Marks one version requirement (e.g. GLIBCXX_3.4.32) of an ELF64 shared object as WEAK
// (VER_FLG_WEAK in its Vernaux entry), so the dynamic loader does not refuse the object
// when the named version is missing. Prints "patched", "already-weak" or "absent".
#include <elf.h>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

int main(int argc, char** argv) {
    if (argc != 3) {
        std::fprintf(stderr, "usage: weaken_verneed <elf-file> <version-name>\n");
        return 2;
    }
    const std::string path = argv[1], wanted = argv[2];
    std::ifstream in(path, std::ios::binary);
    if (!in) { std::fprintf(stderr, "weaken_verneed: cannot read %s\n", path.c_str()); return 1; }
    std::vector<unsigned char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    in.close();
    if (bytes.size() < sizeof(Elf64_Ehdr) || std::memcmp(bytes.data(), ELFMAG, SELFMAG) != 0 ||
        bytes[EI_CLASS] != ELFCLASS64) {
        std::fprintf(stderr, "weaken_verneed: %s is not an ELF64 file\n", path.c_str());
        return 1;
    }
    auto* eh = reinterpret_cast<Elf64_Ehdr*>(bytes.data());
    if (eh->e_shoff == 0 || eh->e_shoff + eh->e_shnum * sizeof(Elf64_Shdr) > bytes.size()) {
        std::fprintf(stderr, "weaken_verneed: %s has no readable section table\n", path.c_str());
        return 1;
    }
    auto* sh = reinterpret_cast<Elf64_Shdr*>(bytes.data() + eh->e_shoff);
    bool changed = false, found = false;
    for (int i = 0; i < eh->e_shnum; ++i) {
        if (sh[i].sh_type != SHT_GNU_verneed) continue;
        const Elf64_Shdr& strtab = sh[sh[i].sh_link];
        const char* names = reinterpret_cast<const char*>(bytes.data() + strtab.sh_offset);
        size_t need_off = sh[i].sh_offset;
        for (unsigned n = 0; n < sh[i].sh_info; ++n) {
            auto* vn = reinterpret_cast<Elf64_Verneed*>(bytes.data() + need_off);
            size_t aux_off = need_off + vn->vn_aux;
            for (unsigned a = 0; a < vn->vn_cnt; ++a) {
                auto* va = reinterpret_cast<Elf64_Vernaux*>(bytes.data() + aux_off);
                if (wanted == names + va->vna_name) {
                    found = true;
                    if (!(va->vna_flags & VER_FLG_WEAK)) { va->vna_flags |= VER_FLG_WEAK; changed = true; }
                }
                if (va->vna_next == 0) break;
                aux_off += va->vna_next;
            }
            if (vn->vn_next == 0) break;
            need_off += vn->vn_next;
        }
    }
    if (!found) { std::puts("absent"); return 0; }
    if (!changed) { std::puts("already-weak"); return 0; }
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
    if (!out) { std::fprintf(stderr, "weaken_verneed: cannot write %s\n", path.c_str()); return 1; }
    std::puts("patched");
    return 0;
}
