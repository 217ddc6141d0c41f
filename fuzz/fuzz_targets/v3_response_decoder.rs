#![no_main]
//! `cargo fuzz run v3_response_decoder`: see TESTING.md.

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    qcloud_as_tests::fuzz::v3_response_decoder(data);
});
