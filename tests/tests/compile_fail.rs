//! Required parameters are enforced by the compiler: leaving one out, or passing the wrong
//! type, does not compile.

#[test]
fn required_parameters_are_enforced_at_compile_time() {
    let cases = trybuild::TestCases::new();
    cases.compile_fail("ui/*.rs");
}
