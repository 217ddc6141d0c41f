#![no_main]
//! `cargo fuzz run response_decoder`: see TESTING.md.

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    qcloud_as_tests::fuzz::response_decoder(data);
});
