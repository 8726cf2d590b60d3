"""sstrack_fuzz_target: one libFuzzer target and its corpus regression test.

A target is a file that defines LLVMFuzzerTestOneInput. Under
`--config=fuzz` (clang, tools/fuzz) the binary `NAME` is a libFuzzer binary
with ASan and UBSan; in the normal build it is linked with replay_main, which
runs files through the same function. `NAME_corpus_test` replays the checked-in
seed corpus (corpus/NAME/) and every kept crasher (crashers/NAME/) in the
normal test suite, so a fixed crash stays fixed.
"""

def sstrack_fuzz_target(name, srcs, deps = [], data = []):
    native.cc_library(
        name = name + "_body",
        srcs = srcs,
        deps = deps + ["//tests/fuzz:fuzz_util"],
        alwayslink = True,
    )
    native.cc_binary(
        name = name,
        deps = [":" + name + "_body"] + select({
            "//tests/fuzz:libfuzzer": [],
            "//conditions:default": ["//tests/fuzz:replay_main"],
        }),
        linkopts = select({
            "//tests/fuzz:libfuzzer": ["-fsanitize=fuzzer"],
            "//conditions:default": [],
        }),
    )
    native.cc_test(
        name = name + "_corpus_test",
        size = "small",
        deps = [":" + name + "_body", "//tests/fuzz:replay_main"],
        data = data + native.glob(["corpus/" + name + "/**", "crashers/" + name + "/**"]),
        args = ["--require-files", "tests/fuzz/corpus/" + name, "tests/fuzz/crashers/" + name],
    )
