//! Turns on the generator's golden fixture in qcloud-as's source (see Cargo.toml).
fn main() {
    println!("cargo::rustc-check-cfg=cfg(qcloud_as_golden)");
    println!("cargo::rustc-cfg=qcloud_as_golden");
}
