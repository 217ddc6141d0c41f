// Required members of nested structs are enforced too: an `RsInfo` needs a port and a weight.
use qcloud_as::types::RsInfo;

fn main() {
    let _ = RsInfo::new(80);
}
