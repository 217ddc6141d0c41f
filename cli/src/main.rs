//! `qcloud-as`: Tencent Cloud Auto Scaling from the command line, API 3.0 at the top level and
//! API 2.0 under `v2`.

fn main() -> std::process::ExitCode {
    qcloud_as_cli::app::main(
        qcloud_as_cli::ACTIONS,
        qcloud_as_cli::V2_ACTIONS,
        std::env::args_os(),
    )
}
