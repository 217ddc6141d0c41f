#![no_main]
//! `cargo fuzz run server_params`: see TESTING.md.

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    qcloud_as_tests::fuzz::server_params(data);
});
