// A format (here a URI) is checked at run time: text! says so at compile
// time instead of letting an unchecked literal through.
use dmforge::webex_connect::send_message::SendMessageCallbackUrl;

fn main() {
    let _url: SendMessageCallbackUrl = dmforge::text!("https://example.com/callback");
}
