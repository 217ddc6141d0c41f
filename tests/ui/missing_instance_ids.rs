// Leaving out the required `instanceIds` does not compile.
async fn call(client: &qcloud_as::Client) {
    let _ = client.detach_instance("asg-d4hmoms6").send().await;
}

fn main() {
    let _ = call;
}
