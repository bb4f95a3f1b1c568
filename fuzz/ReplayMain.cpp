// SPDX-License-Identifier: GPL-2.0-or-later
// The main() of a harness built without libFuzzer (the gcc build): feeds each
// file named on the command line, and each file in each folder named, to
// LLVMFuzzerTestOneInput once. CTest runs every harness over its corpus this
// way, so that each input ever kept in fuzz/corpus stays a regression test.

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
extern "C" __attribute__((weak)) int LLVMFuzzerInitialize(int *argc, char ***argv);

namespace {

std::vector<std::filesystem::path> inputsOf(const std::filesystem::path &arg)
{
    std::vector<std::filesystem::path> out;
    if (std::filesystem::is_directory(arg)) {
        for (const auto &entry : std::filesystem::directory_iterator(arg)) {
            if (entry.is_regular_file())
                out.push_back(entry.path());
        }
        std::sort(out.begin(), out.end());
    } else {
        out.push_back(arg);
    }
    return out;
}

} // namespace

int main(int argc, char **argv)
{
    if (LLVMFuzzerInitialize)
        LLVMFuzzerInitialize(&argc, &argv);
    size_t replayed = 0;
    for (int i = 1; i < argc; ++i) {
        for (const auto &path : inputsOf(argv[i])) {
            std::ifstream in(path, std::ios::binary);
            if (!in) {
                std::fprintf(stderr, "cannot read %s\n", path.c_str());
                return 1;
            }
            const std::vector<char> bytes {std::istreambuf_iterator<char>(in), {}};
            std::fprintf(stderr, "replaying %s (%zu bytes)\n", path.c_str(), bytes.size());
            LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t *>(bytes.data()), bytes.size());
            ++replayed;
        }
    }
    std::fprintf(stderr, "replayed %zu inputs\n", replayed);
    // An empty or missing corpus would make the test pass without testing.
    return replayed > 0 ? 0 : 1;
}
