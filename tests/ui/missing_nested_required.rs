// Required members of nested structs are enforced too: an `RsInfo` needs a port and a weight.
use qcloud_as::operation::create_scaling_group::RsInfo;

fn main() {
    let _ = RsInfo::new(80);
}
