//! `qcloud-as`: the Tencent Cloud Auto Scaling API 2.0 from the command line.

fn main() -> std::process::ExitCode {
    qcloud_as_cli::app::main(qcloud_as_cli::ACTIONS, std::env::args_os())
}
