#![no_main]
//! `cargo fuzz run spec_parser`: see TESTING.md.

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    qcloud_as_tests::fuzz::spec_parser(data);
});
