// `keepInstance` takes a `KeepInstance`, not a bare integer.
async fn call(client: &qcloud_as::Client) {
    let _ = client
        .detach_instance("asg-d4hmoms6", ["ins-5u97n5re"])
        .keep_instance(1)
        .send()
        .await;
}

fn main() {
    let _ = call;
}
