// A parameter of the wrong type does not compile: `scalingGroupId` is a string.
async fn call(client: &qcloud_as::Client) {
    let _ = client.detach_instance(42, ["ins-5u97n5re"]).send().await;
}

fn main() {
    let _ = call;
}
