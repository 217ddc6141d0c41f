// A request cannot be built field by field, skipping the constructor and its required
// parameters.
use qcloud_as::operation::detach_instance::DetachInstanceRequest;

fn main() {
    let _ = DetachInstanceRequest {
        scaling_group_id: String::new(),
        instance_ids: Vec::new(),
        keep_instance: None,
    };
}
