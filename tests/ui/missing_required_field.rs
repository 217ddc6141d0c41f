// With more than two required parameters, an action takes them by name; leaving one out of the
// struct literal (here `vpcId`) does not compile.
use qcloud_as::operation::create_scaling_group::CreateScalingGroupRequired;
use qcloud_as::types::RemovePolicy;

async fn call(client: &qcloud_as::Client) {
    let _ = client
        .create_scaling_group(CreateScalingGroupRequired {
            scaling_configuration_id: "asc-1".into(),
            scaling_group_name: "web".into(),
            min_size: 1,
            max_size: 5,
            remove_policy: RemovePolicy::RemoveOldestInstance,
        })
        .send()
        .await;
}

fn main() {
    let _ = call;
}
