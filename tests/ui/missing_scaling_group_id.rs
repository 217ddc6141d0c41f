// Leaving out the required `scalingGroupId` does not compile.
use qcloud_as::operation::detach_instance::DetachInstanceRequest;

fn main() {
    let _ = DetachInstanceRequest::new(["ins-5u97n5re"]);
}
