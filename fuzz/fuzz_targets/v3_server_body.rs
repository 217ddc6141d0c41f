#![no_main]
//! `cargo fuzz run v3_server_body`: see TESTING.md.

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    qcloud_as_tests::fuzz::v3_server_body(data);
});
