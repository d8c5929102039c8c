<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
  <context>
    <name>Action</name>
    <message>
      <source>Reversal</source>
      <translation>撤销付款</translation>
    </message>
    <message>
      <source>Close</source>
      <translation>关闭订单</translation>
    </message>
    <message>
      <source>Refund</source>
      <translation>退款</translation>
    </message>
  </context>
  <context>
    <name>ConfirmRefundDialog</name>
    <message>
      <source>Refund this payment?</source>
      <translation>退款这笔付款？</translation>
    </message>
    <message>
      <source>Refund %1 to the customer? A refund cannot be undone.</source>
      <translation>退款 %1 给顾客？退款后不能撤回。</translation>
    </message>
    <message>
      <source>Payment</source>
      <translation>付款</translation>
    </message>
    <message>
      <source>Wallet</source>
      <translation>钱包</translation>
    </message>
    <message>
      <source>QFPay number</source>
      <translation>QFPay 交易号</translation>
    </message>
    <message>
      <source>Order number</source>
      <translation>订单号</translation>
    </message>
    <message>
      <source>Approved by</source>
      <translation>批准人</translation>
    </message>
    <message>
      <source>Refund %1</source>
      <translation>退款 %1</translation>
    </message>
  </context>
  <context>
    <name>ConfirmVoidDialog</name>
    <message>
      <source>Void this failed payment?</source>
      <translation>撤销这笔失败的付款？</translation>
    </message>
    <message>
      <source>Void this failed payment? The gateway says it failed; the void makes sure the customer is not charged later.</source>
      <translation>撤销这笔失败的付款？支付网关表示付款失败；撤销可确保顾客之后不会被扣款。</translation>
    </message>
    <message>
      <source>Close this order?</source>
      <translation>关闭这张订单？</translation>
    </message>
    <message>
      <source>Close this unfinished order? The customer will not be able to pay it any more.</source>
      <translation>关闭这张未完成的订单？顾客将无法再付款。</translation>
    </message>
    <message>
      <source>Reverse this payment?</source>
      <translation>撤销这笔付款？</translation>
    </message>
    <message>
      <source>Reverse this unfinished payment? The customer will not be charged.</source>
      <translation>撤销这笔未完成的付款？顾客不会被扣款。</translation>
    </message>
    <message>
      <source>Wallet</source>
      <translation>钱包</translation>
    </message>
    <message>
      <source>QFPay number</source>
      <translation>QFPay 交易号</translation>
    </message>
    <message>
      <source>Order number</source>
      <translation>订单号</translation>
    </message>
    <message>
      <source>Approved by</source>
      <translation>批准主管</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>取消</translation>
    </message>
  </context>
  <context>
    <name>CredentialsPage</name>
    <message>
      <source>Credentials</source>
      <translation>凭证</translation>
    </message>
    <message>
      <source>Step 2 of 4: the app code and client key QFPay gave you. They are kept in the system's keyring only.</source>
      <translation>第 2 步（共 4 步）：输入 QFPay 提供的 app code 和 client key，只会保存在系统的钥匙串中。</translation>
    </message>
    <message>
      <source>Next tests the connection first: it tells a wrong key from a network problem.</source>
      <translation>按“下一步”会先测试连接：它能区分密钥错误和网络问题。</translation>
    </message>
    <message>
      <source>&amp;App code</source>
      <translation>App code(&amp;A)</translation>
    </message>
    <message>
      <source>&amp;Client key</source>
      <translation>Client key(&amp;C)</translation>
    </message>
    <message>
      <source>&amp;Merchant ID (mchid, optional)</source>
      <translation>商户编号（mchid，可选）(&amp;M)</translation>
    </message>
    <message>
      <source>&amp;Test connection</source>
      <translation>测试连接(&amp;T)</translation>
    </message>
    <message>
      <source>Continue without a working connection: the credentials are saved untested, and voids fail until the gateway answers.</source>
      <translation>在连接未成功的情况下继续：凭证将未经测试保存，网关响应之前撤销都会失败。</translation>
    </message>
    <message>
      <source>Checking the system's keyring…</source>
      <translation>正在检查系统的钥匙串…</translation>
    </message>
    <message>
      <source>The system's keyring is ready to keep the credentials.</source>
      <translation>系统的钥匙串已可保存凭证。</translation>
    </message>
    <message>
      <source>Testing…</source>
      <translation>测试中…</translation>
    </message>
    <message>
      <source>Connected: the gateway accepted the credentials.</source>
      <translation>已连接：网关接受了凭证。</translation>
    </message>
    <message>
      <source>The gateway rejected the credentials: the app code or client key is wrong, or belongs to another environment or region.</source>
      <translation>网关拒绝了凭证：app code 或 client key 错误，或属于其他环境或地区。</translation>
    </message>
    <message>
      <source>The gateway could not be reached: check the network. The credentials were not tested.</source>
      <translation>无法连接网关：请检查网络。凭证尚未测试。</translation>
    </message>
    <message>
      <source>The gateway answered unclearly; try again.</source>
      <translation>网关回复不明确，请重试。</translation>
    </message>
    <message>
      <source>The connection could not be tested (%1); try again.</source>
      <translation>无法测试连接 (%1)；请重试。</translation>
    </message>
    <message>
      <source>Press Back, then Next, to check again.</source>
      <translation>按“上一步”再按“下一步”可再次检查。</translation>
    </message>
  </context>
  <context>
    <name>Details</name>
    <message>
      <source>Amount</source>
      <translation>金额</translation>
    </message>
    <message>
      <source>State</source>
      <translation>状态</translation>
    </message>
    <message>
      <source>Action</source>
      <translation>操作</translation>
    </message>
    <message>
      <source>QFPay number</source>
      <translation>QFPay 交易号</translation>
    </message>
    <message>
      <source>Order number</source>
      <translation>订单号</translation>
    </message>
    <message>
      <source>Void number</source>
      <translation>撤销单号</translation>
    </message>
    <message>
      <source>Cashier</source>
      <translation>收银员</translation>
    </message>
    <message>
      <source>Approved by</source>
      <translation>批准主管</translation>
    </message>
    <message>
      <source>Approval reason</source>
      <translation>批准原因</translation>
    </message>
    <message>
      <source>Sends</source>
      <translation>发送次数</translation>
    </message>
    <message>
      <source>Gateway code</source>
      <translation>网关代码</translation>
    </message>
    <message>
      <source>Terminal</source>
      <translation>终端</translation>
    </message>
    <message>
      <source>Started</source>
      <translation>开始时间</translation>
    </message>
    <message>
      <source>Last update</source>
      <translation>最后更新</translation>
    </message>
    <message>
      <source>Operation</source>
      <translation>操作编号</translation>
    </message>
    <message>
      <source>Events (requests, answers, approvals)</source>
      <translation>事件（请求、回复、批准）</translation>
    </message>
    <message>
      <source>No event is recorded.</source>
      <translation>没有记录任何事件。</translation>
    </message>
    <message>
      <source>Refund number</source>
      <translation>退款交易号</translation>
    </message>
    <message>
      <source>Refund order number</source>
      <translation>退款单号</translation>
    </message>
    <message>
      <source>Amount paid</source>
      <translation>已付金额</translation>
    </message>
  </context>
  <context>
    <name>Dialogs</name>
    <message>
      <source>Cancel</source>
      <translation>取消</translation>
    </message>
  </context>
  <context>
    <name>EnvironmentPage</name>
    <message>
      <source>Welcome to posrev</source>
      <translation>欢迎使用 posrev</translation>
    </message>
    <message>
      <source>Step 1 of 4: which QFPay gateway does this terminal use?</source>
      <translation>第 1 步（共 4 步）：这台终端使用哪个 QFPay 网关？</translation>
    </message>
    <message>
      <source>posrev voids unfinished Alipay and WeChat Pay payments through QFPay. Your QFPay account manager tells you the environment and region.</source>
      <translation>posrev 通过 QFPay 撤销未完成的支付宝和微信支付付款。环境和地区请向 QFPay 客户经理查询。</translation>
    </message>
    <message>
      <source>&amp;Environment</source>
      <translation>环境(&amp;E)</translation>
    </message>
    <message>
      <source>&amp;Region</source>
      <translation>地区(&amp;R)</translation>
    </message>
    <message>
      <source>Gateway &amp;URL (optional)</source>
      <translation>网关地址（可选）(&amp;U)</translation>
    </message>
    <message>
      <source>No credentials yet? Try posrev with a simulated gateway and demo orders.</source>
      <translation>还没有凭证？可先用模拟网关和演示订单试用 posrev。</translation>
    </message>
    <message>
      <source>Try &amp;demo mode</source>
      <translation>试用演示模式(&amp;D)</translation>
    </message>
    <message>
      <source>This gateway URL cannot be used. Check it, or leave it empty to use the environment and region chosen above.</source>
      <translation>这个网关网址不能使用。请检查，或留空以使用上面选择的环境和地区。</translation>
    </message>
  </context>
  <context>
    <name>FleetHook</name>
    <message>
      <source>Fleet: %1</source>
      <translation>门店网络：%1</translation>
    </message>
    <message>
      <source>Fleet</source>
      <translation>门店网络</translation>
    </message>
    <message>
      <source>Fleet: everything is shipped.</source>
      <translation>门店网络：全部已上传。</translation>
    </message>
    <message>
      <source>Fleet: %1 events waiting to be shipped.</source>
      <translation>门店网络：%1 条记录等待上传。</translation>
    </message>
    <message>
      <source>Fleet: %1 events waiting; shipping them fails and is retried (the reason is in the tooltip). Voids are not affected.</source>
      <translation>门店网络：%1 条记录等待上传；总部数据库没有响应，正在重试。撤销不受影响。</translation>
    </message>
    <message>
      <source>Open the Fleet window (every terminal of the chain).</source>
      <translation>打开门店网络窗口（连锁店的所有终端）。</translation>
    </message>
  </context>
  <context>
    <name>FleetWindow</name>
    <message>
      <source>Fleet</source>
      <translation>门店网络</translation>
    </message>
    <message>
      <source>Store:</source>
      <translation>门店：</translation>
    </message>
    <message>
      <source>Terminal:</source>
      <translation>终端：</translation>
    </message>
    <message>
      <source>Refresh</source>
      <translation>刷新</translation>
    </message>
    <message>
      <source>Voids and refunds (last %1 days)</source>
      <translation>撤销及退款（最近 %1 天）</translation>
    </message>
    <message>
      <source>Open across the chain</source>
      <translation>全连锁未完成</translation>
    </message>
    <message>
      <source>Take over on this terminal</source>
      <translation>由本终端接手</translation>
    </message>
    <message>
      <source>Close</source>
      <translation>关闭</translation>
    </message>
    <message>
      <source>Created</source>
      <translation>创建时间</translation>
    </message>
    <message>
      <source>Store</source>
      <translation>门店</translation>
    </message>
    <message>
      <source>Terminal</source>
      <translation>终端</translation>
    </message>
    <message>
      <source>Outcome</source>
      <translation>结果</translation>
    </message>
    <message>
      <source>Action</source>
      <translation>操作</translation>
    </message>
    <message>
      <source>Amount</source>
      <translation>金额</translation>
    </message>
    <message>
      <source>QFPay number</source>
      <translation>QFPay 编号</translation>
    </message>
    <message>
      <source>Cashier</source>
      <translation>收银员</translation>
    </message>
    <message>
      <source>Approver</source>
      <translation>批准主管</translation>
    </message>
    <message>
      <source>The fleet database is not configured.</source>
      <translation>未设置总部数据库。</translation>
    </message>
    <message>
      <source>Loading…</source>
      <translation>加载中…</translation>
    </message>
    <message>
      <source>All stores</source>
      <translation>所有门店</translation>
    </message>
    <message>
      <source>All terminals</source>
      <translation>所有终端</translation>
    </message>
    <message>
      <source>%1 operations in the last %2 days; %3 open.</source>
      <translation>最近 %2 天共 %1 项操作；%3 项未完成。</translation>
    </message>
    <message>
      <source>Taking it over and checking the payment…</source>
      <translation>正在接手并查询付款…</translation>
    </message>
    <message>
      <source>Take over the void of %1 (%2) from terminal %3 on this terminal.</source>
      <translation>由本终端接手终端 %3 对 %1（%2）的撤销。</translation>
    </message>
    <message>
      <source>Taken over: %1</source>
      <translation>已接手：%1</translation>
    </message>
  </context>
  <context>
    <name>JournalWindow</name>
    <message>
      <source>Journal</source>
      <translation>记录</translation>
    </message>
    <message>
      <source>Search: QFPay number, order number, void number or cashier</source>
      <translation>搜索：QFPay 交易号、订单号、撤销单号或收银员</translation>
    </message>
    <message>
      <source>From</source>
      <translation>从</translation>
    </message>
    <message>
      <source>All outcomes</source>
      <translation>所有结果</translation>
    </message>
    <message>
      <source>&amp;Export CSV…</source>
      <translation>导出 CSV…(&amp;E)</translation>
    </message>
    <message>
      <source>&amp;Details…</source>
      <translation>详情(&amp;D)…</translation>
    </message>
    <message>
      <source>Close</source>
      <translation>关闭</translation>
    </message>
    <message>
      <source>1 operation</source>
      <translation>共 1 项操作</translation>
    </message>
    <message>
      <source>The journal could not be read: %1</source>
      <translation>无法读取记录：%1</translation>
    </message>
    <message>
      <source>Loading…</source>
      <translation>加载中…</translation>
    </message>
    <message>
      <source>%1 operations</source>
      <translation>共 %1 项操作</translation>
    </message>
    <message>
      <source>Export the journal</source>
      <translation>导出记录</translation>
    </message>
    <message>
      <source>CSV files (*.csv)</source>
      <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
      <source>Exporting…</source>
      <translation>导出中…</translation>
    </message>
    <message>
      <source>Exported 1 operation to %1</source>
      <translation>已将 1 项操作导出到 %1</translation>
    </message>
    <message>
      <source>Exported %1 operations to %2</source>
      <translation>已导出 %1 项操作至 %2</translation>
    </message>
    <message>
      <source>Export failed: %1</source>
      <translation>导出失败：%1</translation>
    </message>
  </context>
  <context>
    <name>MainWindow</name>
    <message>
      <source>Void a QR payment</source>
      <translation>撤销二维码付款</translation>
    </message>
    <message>
      <source>Terminal %1</source>
      <translation>终端 %1</translation>
    </message>
    <message>
      <source>Scan or type the QFPay number or the order number, then press Enter.</source>
      <translation>扫描或输入 QFPay 交易号或订单号，然后按 Enter。</translation>
    </message>
    <message>
      <source>QFPay number or order number</source>
      <translation>QFPay 交易号或订单号</translation>
    </message>
    <message>
      <source>Auto</source>
      <translation>自动</translation>
    </message>
    <message>
      <source>QFPay number</source>
      <translation>QFPay 交易号</translation>
    </message>
    <message>
      <source>Order number</source>
      <translation>订单号</translation>
    </message>
    <message>
      <source>What the scanned number is</source>
      <translation>扫描的号码类型</translation>
    </message>
    <message>
      <source>&amp;Look up</source>
      <translation>查询(&amp;L)</translation>
    </message>
    <message>
      <source>&amp;Stop waiting</source>
      <translation>停止等待(&amp;S)</translation>
    </message>
    <message>
      <source>&amp;New lookup</source>
      <translation>新查询(&amp;N)</translation>
    </message>
    <message>
      <source>&amp;Print slip</source>
      <translation>打印单据(&amp;P)</translation>
    </message>
    <message>
      <source>Void anyway (supervisor)</source>
      <translation>仍要撤销（需主管）</translation>
    </message>
    <message>
      <source>Settings</source>
      <translation>设置</translation>
    </message>
    <message>
      <source>Several payments have this number. Choose one:</source>
      <translation>有多笔付款使用这个号码，请选择一笔：</translation>
    </message>
    <message>
      <source>Cashier %1</source>
      <translation>收银员 %1</translation>
    </message>
    <message>
      <source>Change cashier</source>
      <translation>更换收银员</translation>
    </message>
    <message>
      <source>No cashier signed in</source>
      <translation>未有收银员登录</translation>
    </message>
    <message>
      <source>Sign in</source>
      <translation>登录</translation>
    </message>
    <message>
      <source>Gateway: not contacted yet</source>
      <translation>网关：尚未连接</translation>
    </message>
    <message>
      <source>Gateway: connected</source>
      <translation>网关：已连接</translation>
    </message>
    <message>
      <source>Gateway: unreachable</source>
      <translation>网关：无法连接</translation>
    </message>
    <message>
      <source>Gateway: not answering clearly</source>
      <translation>网关：回复不明确</translation>
    </message>
    <message>
      <source>Gateway: credentials rejected</source>
      <translation>网关：凭证被拒</translation>
    </message>
    <message>
      <source>Journal</source>
      <translation>记录</translation>
    </message>
    <message>
      <source>Starting…</source>
      <translation>启动中…</translation>
    </message>
    <message>
      <source>posrev cannot start: %1</source>
      <translation>posrev 无法启动：%1</translation>
    </message>
    <message>
      <source>Past voids, search and CSV export (F3)</source>
      <translation>以往撤销、搜索及导出 CSV（F3）</translation>
    </message>
    <message>
      <source>Voids not confirmed yet (F2)</source>
      <translation>尚未确认的撤销（F2）</translation>
    </message>
    <message>
      <source>Set up this terminal</source>
      <translation>设置此终端</translation>
    </message>
    <message>
      <source>Dismiss</source>
      <translation>关闭提示</translation>
    </message>
    <message>
      <source>Pending (%1)</source>
      <translation>待确认（%1）</translation>
    </message>
    <message>
      <source>Demo orders — choose one, or type its number above:</source>
      <translation>演示订单 — 选择一张，或在上方输入其号码：</translation>
    </message>
    <message>
      <source>unpaid, can be reversed</source>
      <translation>未付款，可撤销</translation>
    </message>
    <message>
      <source>unpaid, can be closed</source>
      <translation>未付款，可关闭</translation>
    </message>
    <message>
      <source>unpaid WeChat Pay QR order</source>
      <translation>未付款的微信支付二维码订单</translation>
    </message>
    <message>
      <source>large amount: needs a supervisor</source>
      <translation>大额：需要主管批准</translation>
    </message>
    <message>
      <source>40 minutes old: needs a supervisor</source>
      <translation>已过 40 分钟：需要主管批准</translation>
    </message>
    <message>
      <source>the gateway takes a while to confirm</source>
      <translation>网关需要一段时间确认</translation>
    </message>
    <message>
      <source>the customer pays just before the void</source>
      <translation>顾客在撤销前一刻付款</translation>
    </message>
    <message>
      <source>the gateway's answer gets lost</source>
      <translation>网关的回复丢失</translation>
    </message>
    <message>
      <source>already paid: refund instead</source>
      <translation>已付款：需改为退款</translation>
    </message>
    <message>
      <source>already voided</source>
      <translation>已撤销</translation>
    </message>
    <message>
      <source>already refunded</source>
      <translation>已退款</translation>
    </message>
    <message>
      <source>a refund record</source>
      <translation>退款记录</translation>
    </message>
    <message>
      <source>the payment failed</source>
      <translation>付款失败</translation>
    </message>
    <message>
      <source>a wallet that cannot be voided here</source>
      <translation>不能在此撤销的钱包</translation>
    </message>
    <message>
      <source>too old to void</source>
      <translation>太久，无法撤销</translation>
    </message>
    <message>
      <source>two payments with one order number</source>
      <translation>同一订单号有两笔付款</translation>
    </message>
    <message>
      <source>Starting… %1 will be looked up in a moment.</source>
      <translation>正在启动… 稍后会查询 %1。</translation>
    </message>
    <message>
      <source>Wait for the void to finish, or press Stop waiting, before looking up another payment.</source>
      <translation>请等待撤销完成，或按“停止等待”，再查询另一笔付款。</translation>
    </message>
    <message>
      <source>No payment found</source>
      <translation>找不到付款</translation>
    </message>
    <message>
      <source>Searched for %1</source>
      <translation>已搜索 %1</translation>
    </message>
    <message>
      <source>Voiding… press Stop waiting to leave it to the background checks.</source>
      <translation>正在撤销… 按“停止等待”可交由后台继续查询。</translation>
    </message>
    <message>
      <source>QFPay number %1</source>
      <translation>QFPay 交易号 %1</translation>
    </message>
    <message>
      <source>Order number %1</source>
      <translation>订单号 %1</translation>
    </message>
    <message>
      <source>(supervisor)</source>
      <translation>（需主管）</translation>
    </message>
    <message>
      <source>Looking up…</source>
      <translation>查询中…</translation>
    </message>
    <message>
      <source>%1 payments found.</source>
      <translation>找到 %1 笔付款。</translation>
    </message>
    <message>
      <source>Looked up %1.</source>
      <translation>已查询 %1。</translation>
    </message>
    <message>
      <source>Press Enter or New lookup for the next payment.</source>
      <translation>按 Enter 或“新查询”处理下一笔付款。</translation>
    </message>
    <message>
      <source>Sign in before voiding a payment.</source>
      <translation>撤销付款前请先登录。</translation>
    </message>
    <message>
      <source>Ready.</source>
      <translation>就绪。</translation>
    </message>
    <message>
      <source>Not looked up: “%1”. %2</source>
      <translation>未查询：“%1”。%2</translation>
    </message>
    <message>
      <source>The gateway could not be reached; nothing was sent. Check the network cable or Wi-Fi, then try again.</source>
      <translation>无法连接网关，没有发送任何请求。请检查网线或 Wi-Fi 后重试。</translation>
    </message>
    <message>
      <source>The gateway rejected this terminal's credentials. Call a supervisor or IT.</source>
      <translation>网关拒绝了本终端的凭证。请联系主管或 IT。</translation>
    </message>
    <message>
      <source>The gateway is busy; try again in a minute.</source>
      <translation>网关繁忙，请一分钟后重试。</translation>
    </message>
    <message>
      <source>The gateway did not answer clearly; try again.</source>
      <translation>网关回复不明确，请重试。</translation>
    </message>
    <message>
      <source>No QFPay credentials are set on this terminal yet. Press “Set up this terminal”.</source>
      <translation>此终端尚未设置 QFPay 凭证。请按“设置此终端”。</translation>
    </message>
    <message>
      <source>That number cannot be looked up: %1</source>
      <translation>无法查询这个号码：%1</translation>
    </message>
    <message>
      <source>Something unexpected went wrong (%1). Try again; if it repeats, call IT.</source>
      <translation>发生意外错误（%1）。请重试；如再发生，请联系 IT。</translation>
    </message>
    <message>
      <source>%1 of %2 needs a supervisor: %3. The supervisor enters their ID and PIN here; they cannot be the signed-in cashier (%4).</source>
      <translation>%2 的%1需要主管批准：%3。请主管在此输入编号和密码；主管不能是已登录的收银员（%4）。</translation>
    </message>
    <message>
      <source>No supervisor is set up on this terminal yet, so this cannot be approved. Press “Set up this terminal” to add the first one.</source>
      <translation>此终端尚未设置主管，所以无法批准。请按“设置此终端”添加第一位主管。</translation>
    </message>
    <message>
      <source>No supervisor is set up on this terminal yet. A supervisor (not the cashier) creates the first one now; adding more later needs a supervisor's approval.</source>
      <translation>本终端尚未设置主管。请由主管（不是收银员）现在创建第一位主管；日后新增主管需要主管批准。</translation>
    </message>
    <message>
      <source>Writing the void to the journal…</source>
      <translation>正在把撤销写入记录…</translation>
    </message>
    <message>
      <source>Check %1</source>
      <translation>第 %1 次查询</translation>
    </message>
    <message>
      <source>%1 elapsed</source>
      <translation>已过 %1</translation>
    </message>
    <message>
      <source>next check in %1 s</source>
      <translation>%1 秒后再查询</translation>
    </message>
    <message>
      <source>checking now…</source>
      <translation>正在查询…</translation>
    </message>
    <message>
      <source>stopping…</source>
      <translation>正在停止…</translation>
    </message>
    <message>
      <source>Void number %1</source>
      <translation>撤销单号 %1</translation>
    </message>
    <message>
      <source>Approved by %1</source>
      <translation>由 %1 批准</translation>
    </message>
    <message>
      <source>order %1</source>
      <translation>订单 %1</translation>
    </message>
    <message>
      <source>An earlier refund is now final: %1 (QFPay number %2): %3</source>
      <translation>先前的退款已有结果：%1（QFPay 交易号 %2）：%3</translation>
    </message>
    <message>
      <source>An earlier void is now final: %1 (QFPay number %2): %3</source>
      <translation>先前的撤销已有结果：%1（QFPay 交易号 %2）：%3</translation>
    </message>
    <message>
      <source>That language is not available on this terminal.</source>
      <translation>本终端没有这种语言。</translation>
    </message>
    <message>
      <source>Slip saved to %1</source>
      <translation>单据已保存至 %1</translation>
    </message>
    <message>
      <source>Reconnecting…</source>
      <translation>重新连接中…</translation>
    </message>
    <message>
      <source>posrev could not reconnect: %1 Close and start it again.</source>
      <translation>posrev 无法重新连接：%1 请关闭后重新打开。</translation>
    </message>
    <message>
      <source>Refunding… press Stop waiting to leave it to the background checks.</source>
      <translation>退款中… 按“停止等待”交由后台继续查询。</translation>
    </message>
    <message>
      <source>Writing the refund to the journal…</source>
      <translation>正在把退款写入日志…</translation>
    </message>
    <message>
      <source>Refund number %1</source>
      <translation>退款交易号 %1</translation>
    </message>
    <message>
      <source>It keeps being checked in the background and stays in the pending list.</source>
      <translation>会继续在后台查询，并留在待处理清单中。</translation>
    </message>
    <message>
      <source>Wait for the refund to finish, or press Stop waiting, before looking up another payment.</source>
      <translation>请等退款完成，或按“停止等待”，再查询另一笔付款。</translation>
    </message>
  </context>
  <context>
    <name>Messages</name>
    <message>
      <source>; </source>
      <translation>；</translation>
    </message>
    <message>
      <source>reversal</source>
      <translation>撤销付款</translation>
    </message>
    <message>
      <source>close</source>
      <translation>关闭订单</translation>
    </message>
    <message>
      <source>refund</source>
      <translation>退款</translation>
    </message>
    <message>
      <source>the amount is at or over the supervisor threshold</source>
      <translation>金额达到或超过主管批准门槛</translation>
    </message>
    <message>
      <source>the payment is older than the late-void limit</source>
      <translation>付款时间已超过逾时撤销限制</translation>
    </message>
    <message>
      <source>an earlier void of this payment on this terminal did not succeed</source>
      <translation>本终端之前撤销这笔付款未成功</translation>
    </message>
    <message>
      <source>the void is forced on a payment that failed</source>
      <translation>对失败的付款强制撤销</translation>
    </message>
    <message>
      <source>No payment with this number was found.</source>
      <translation>找不到使用这个号码的付款。</translation>
    </message>
    <message>
      <source>This is a refund record, not a payment; there is nothing to void.</source>
      <translation>这是退款记录，不是付款；没有可撤销的交易。</translation>
    </message>
    <message>
      <source>This payment of %1 is already voided; the customer will not be charged.</source>
      <translation>这笔 %1 的付款已撤销，顾客不会被扣款。</translation>
    </message>
    <message>
      <source>This payment of %1 was already refunded or finished; there is nothing to void.</source>
      <translation>这笔 %1 的付款已退款或已完成，没有可撤销的交易。</translation>
    </message>
    <message>
      <source>The customer has paid %1; it cannot be voided. Refund it instead (QFPay number %2).</source>
      <translation>顾客已付款 %1，不能撤销。请改为退款（QFPay 交易号 %2）。</translation>
    </message>
    <message>
      <source>Pay type %1 cannot be voided here; contact QFPay support.</source>
      <translation>支付类型 %1 不能在此撤销，请联系 QFPay 客服。</translation>
    </message>
    <message>
      <source>This payment is older than %1 hours and can no longer be voided here.</source>
      <translation>这笔付款已超过 %1 小时，不能再在此撤销。</translation>
    </message>
    <message>
      <source>This payment failed (%1); the customer was not charged. A supervisor can force a void to be sure.</source>
      <translation>这笔付款失败（%1），顾客没有被扣款。主管可强制撤销以确保安全。</translation>
    </message>
    <message>
      <source>This unfinished payment of %1 can be reversed.</source>
      <translation>这笔未完成的 %1 付款可以撤销。</translation>
    </message>
    <message>
      <source>This unfinished payment of %1 can be closed.</source>
      <translation>这笔未完成的 %1 付款可以关闭。</translation>
    </message>
    <message>
      <source>This failed payment of %1 can be reversed to be sure (forced).</source>
      <translation>这笔失败的 %1 付款可强制撤销付款以确保安全。</translation>
    </message>
    <message>
      <source>This failed payment of %1 can be closed to be sure (forced).</source>
      <translation>这笔失败的 %1 付款可强制关闭订单以确保安全。</translation>
    </message>
    <message>
      <source>%1 A supervisor must approve: %2.</source>
      <translation>%1需要主管批准：%2。</translation>
    </message>
    <message>
      <source>A supervisor must approve this void: %1.</source>
      <translation>这项撤销需要主管批准：%1。</translation>
    </message>
    <message>
      <source>This is a refund record, not a payment; it cannot be refunded.</source>
      <translation>这是退款记录，不是付款；不能退款。</translation>
    </message>
    <message>
      <source>This payment of %1 was voided; the customer was not charged, so there is nothing to refund.</source>
      <translation>这笔 %1 的付款已撤销；顾客没有被扣款，所以没有可退的款项。</translation>
    </message>
    <message>
      <source>This payment of %1 is not paid (%2); there is nothing to refund.</source>
      <translation>这笔 %1 的付款未完成（%2）；没有可退的款项。</translation>
    </message>
    <message>
      <source>Pay type %1 cannot be refunded through the gateway; refund the customer another way.</source>
      <translation>支付类型 %1 不能经网关退款；请以其他方式退款给顾客。</translation>
    </message>
    <message>
      <source>This pre-authorisation was finished; it cannot be refunded here.</source>
      <translation>这笔预授权已完成；不能在此退款。</translation>
    </message>
    <message>
      <source>This payment of %1 was already refunded in full.</source>
      <translation>这笔 %1 的付款已全额退款。</translation>
    </message>
    <message>
      <source>An earlier refund of this payment on this terminal is not resolved; a supervisor must resolve it first.</source>
      <translation>本终端较早为这笔付款所做的退款尚未解决；必须先由主管处理。</translation>
    </message>
    <message>
      <source>A refund of this payment is still being processed by the gateway; check again later.</source>
      <translation>网关仍在处理这笔付款的退款，请稍后再查。</translation>
    </message>
    <message>
      <source>The refunds of this payment could not all be read (too many records this month); refund it in the merchant portal.</source>
      <translation>未能读取这笔付款的全部退款记录（本月记录太多），请在商户后台退款。</translation>
    </message>
    <message>
      <source>This payment was partly refunded, but its refunds could not be found; refund it in the merchant portal.</source>
      <translation>这笔付款曾部分退款，但找不到退款记录，请在商户后台退款。</translation>
    </message>
    <message>
      <source>This payment is older than %1 days and can no longer be refunded here.</source>
      <translation>这笔付款已超过 %1 天，不能再在此退款。</translation>
    </message>
    <message>
      <source>%1 of this payment of %2 was already refunded; up to %3 can be refunded. A supervisor must approve.</source>
      <translation>这笔 %2 的付款已退 %1；最多可退 %3。需要主管批准。</translation>
    </message>
    <message>
      <source>This payment of %1 can be refunded. A supervisor must approve.</source>
      <translation>这笔 %1 的付款可以退款。需要主管批准。</translation>
    </message>
    <message>
      <source>This payment of %1 can be refunded (in full only, today). A supervisor must approve.</source>
      <translation>这笔 %1 的付款可以退款（今天只能全额退款）。需要主管批准。</translation>
    </message>
    <message>
      <source>Journaled; not sent yet.</source>
      <translation>已记录；尚未发送。</translation>
    </message>
    <message>
      <source>Taken over from another terminal; checking the payment first.</source>
      <translation>已从另一台终端接手；先核查这笔付款。</translation>
    </message>
    <message>
      <source>Taken over by terminal %1 (supervisor %2); this terminal sends nothing more for it.</source>
      <translation>已由终端 %1 接手（主管 %2）；本终端不会再为它发出任何请求。</translation>
    </message>
    <message>
      <source>Resolved by %1: %2</source>
      <translation>由 %1 处理：%2</translation>
    </message>
    <message>
      <source>The last send's outcome is unknown; checking.</source>
      <translation>上一次发送的结果不明；正在核查。</translation>
    </message>
    <message>
      <source>Sending the %1 (send %2).</source>
      <translation>正在发送%1请求（第 %2 次发送）。</translation>
    </message>
    <message>
      <source>The gateway could not be reached; will check.</source>
      <translation>无法连接网关；稍后会再核查。</translation>
    </message>
    <message>
      <source>The gateway is busy (429); retrying in %1 s.</source>
      <translation>网关繁忙 (429)；%1 秒后重试。</translation>
    </message>
    <message>
      <source>The gateway is busy (429); will check again.</source>
      <translation>网关繁忙 (429)；稍后会再核查。</translation>
    </message>
    <message>
      <source>%1 Checking the payment.</source>
      <translation>%1 正在核查这笔付款。</translation>
    </message>
    <message>
      <source>Outcome unknown (%1); checking.</source>
      <translation>结果不明（%1）；正在核查。</translation>
    </message>
    <message>
      <source>Outcome unknown (the journal failed while the void was out); checking.</source>
      <translation>结果不明（请求发出期间记录无法写入）；正在核查。</translation>
    </message>
    <message>
      <source>The check could not get through (%1); IT must fix the connection. Will retry.</source>
      <translation>核查无法通过安全连接（%1）；必须由 IT 修正连接。稍后会重试。</translation>
    </message>
    <message>
      <source>The check did not get through (%1); will retry.</source>
      <translation>核查未能完成（%1）；稍后会重试。</translation>
    </message>
    <message>
      <source>Not confirmed after %1 sends; a supervisor must resolve it.</source>
      <translation>发送 %1 次后仍未确认；必须由主管处理。</translation>
    </message>
    <message>
      <source>Not confirmed after 24 hours; a supervisor must resolve it.</source>
      <translation>24 小时后仍未确认；必须由主管处理。</translation>
    </message>
    <message>
      <source>Failed: %1.</source>
      <translation>失败：%1。</translation>
    </message>
    <message>
      <source>The gateway accepted the void; confirming.</source>
      <translation>网关已接受撤销，正在确认。</translation>
    </message>
    <message>
      <source>The gateway is processing the void.</source>
      <translation>网关正在处理撤销。</translation>
    </message>
    <message>
      <source>The gateway is still processing the void.</source>
      <translation>网关仍在处理撤销。</translation>
    </message>
    <message>
      <source>The gateway answered %1; checking the payment.</source>
      <translation>网关回复 %1；正在核查这笔付款。</translation>
    </message>
    <message>
      <source>Still unfinished; sending the void.</source>
      <translation>付款仍未完成；正在发送撤销。</translation>
    </message>
    <message>
      <source>Still not voided; sending the same void again.</source>
      <translation>仍未撤销；再次发送同一撤销。</translation>
    </message>
    <message>
      <source>The payment was not found by the enquiry; will check again.</source>
      <translation>查询找不到这笔付款；稍后会再核查。</translation>
    </message>
    <message>
      <source>Voided — the customer will not be charged.</source>
      <translation>已撤销 — 顾客不会被扣款。</translation>
    </message>
    <message>
      <source>Voided — the payment failed (%1); the customer will not be charged.</source>
      <translation>已撤销 — 这笔付款失败（%1）；顾客不会被扣款。</translation>
    </message>
    <message>
      <source>Payment completed — the customer paid; refund it instead (QFPay number %1).</source>
      <translation>付款已完成 — 顾客已付款；请改为退款（QFPay 交易号 %1）。</translation>
    </message>
    <message>
      <source>The gateway refused the %1 (%2) and the payment is still unfinished; sending a %3 instead.</source>
      <translation>网关拒绝了%1（%2），而付款仍未完成；改为发送%3。</translation>
    </message>
    <message>
      <source>its HTTP method was refused</source>
      <translation>请求方式被拒绝</translation>
    </message>
    <message>
      <source>The gateway accepted the refund; confirming.</source>
      <translation>网关已接受退款，正在确认。</translation>
    </message>
    <message>
      <source>The gateway is processing the refund.</source>
      <translation>网关正在处理退款。</translation>
    </message>
    <message>
      <source>The gateway is still processing the refund.</source>
      <translation>网关仍在处理退款。</translation>
    </message>
    <message>
      <source>The gateway answered %1; checking whether the refund exists.</source>
      <translation>网关回复 %1；正在核查退款是否存在。</translation>
    </message>
    <message>
      <source>No refund was made yet; sending the refund.</source>
      <translation>尚未退款，现在发送退款。</translation>
    </message>
    <message>
      <source>No refund was found; sending the same refund again (same refund number).</source>
      <translation>找不到退款，以同一退款单号再次发送同一退款。</translation>
    </message>
    <message>
      <source>The refund was not found by the enquiry yet; will check again.</source>
      <translation>查询暂未找到退款，稍后再查。</translation>
    </message>
    <message>
      <source>The refund found under this refund number does not match; a supervisor must resolve it.</source>
      <translation>以这个退款编号找到的退款不相符；必须由主管处理。</translation>
    </message>
    <message>
      <source>Refunded — %1 goes back to the customer (QFPay refund number %2).</source>
      <translation>已退款 — %1 退回给顾客（QFPay 退款交易号 %2）。</translation>
    </message>
    <message>
      <source>the gateway is unreachable; nothing was sent</source>
      <translation>无法连接网关，没有发送任何请求</translation>
    </message>
    <message>
      <source>%1; nothing was sent</source>
      <translation>%1，没有发送任何请求</translation>
    </message>
    <message>
      <source>the journal could not be written because %1; nothing was sent</source>
      <translation>无法写入记录（%1），没有发送任何请求</translation>
    </message>
    <message>
      <source>the gateway rejected the credentials (1108); nothing was voided</source>
      <translation>网关拒绝了凭证 (1108)，没有撤销任何付款</translation>
    </message>
    <message>
      <source>the gateway rejected the credentials (1108); nothing was refunded</source>
      <translation>网关拒绝了凭证 (1108)，没有退款</translation>
    </message>
    <message>
      <source>the payment was already refunded; there was nothing to void</source>
      <translation>这笔付款已经退款，没有可撤销的</translation>
    </message>
    <message>
      <source>the gateway refused the %1's HTTP method</source>
      <translation>网关拒绝了%1的请求方式</translation>
    </message>
    <message>
      <source>the refund was refused (%1); nothing was refunded</source>
      <translation>退款被拒绝（%1），没有退款</translation>
    </message>
    <message>
      <source>%1; nothing was refunded</source>
      <translation>%1，没有退款</translation>
    </message>
    <message>
      <source>Nothing was scanned or typed.</source>
      <translation>未扫描或输入任何号码。</translation>
    </message>
    <message>
      <source>QFPay numbers are digits only.</source>
      <translation>QFPay 交易号只能包含数字。</translation>
    </message>
    <message>
      <source>Too long: a QFPay number has at most %1 digits.</source>
      <translation>太长：QFPay 交易号最多 %1 位数字。</translation>
    </message>
    <message>
      <source>Order numbers can't contain spaces.</source>
      <translation>订单号不能包含空格。</translation>
    </message>
    <message>
      <source>Order numbers can only have English letters, digits and keyboard symbols.</source>
      <translation>订单号只能包含英文字母、数字和键盘符号。</translation>
    </message>
    <message>
      <source>Too long: at most %1 characters.</source>
      <translation>太长：最多 %1 个字符。</translation>
    </message>
    <message>
      <source>%1 (%2)</source>
      <translation>%1 (%2)</translation>
    </message>
    <message>
      <source>no response code</source>
      <translation>没有响应码</translation>
    </message>
    <message>
      <source>gateway code %1</source>
      <translation>网关代码 %1</translation>
    </message>
    <message>
      <source>success</source>
      <translation>成功</translation>
    </message>
    <message>
      <source>the gateway is under maintenance</source>
      <translation>网关正在维护</translation>
    </message>
    <message>
      <source>reversal error</source>
      <translation>撤销错误</translation>
    </message>
    <message>
      <source>duplicate request</source>
      <translation>重复请求</translation>
    </message>
    <message>
      <source>the request was badly formatted</source>
      <translation>请求格式错误</translation>
    </message>
    <message>
      <source>a request parameter was wrong</source>
      <translation>请求参数错误</translation>
    </message>
    <message>
      <source>the device is not activated</source>
      <translation>设备未激活</translation>
    </message>
    <message>
      <source>the device is not valid</source>
      <translation>设备无效</translation>
    </message>
    <message>
      <source>the device is not allowed</source>
      <translation>设备不允许使用</translation>
    </message>
    <message>
      <source>the signature was wrong (check the app code and client key)</source>
      <translation>签名错误（请检查 app code 和 client key）</translation>
    </message>
    <message>
      <source>invalid transaction</source>
      <translation>无效交易</translation>
    </message>
    <message>
      <source>the order was already refunded</source>
      <translation>订单已退款</translation>
    </message>
    <message>
      <source>the original transaction does not match</source>
      <translation>原交易不符</translation>
    </message>
    <message>
      <source>gateway database error</source>
      <translation>网关数据库错误</translation>
    </message>
    <message>
      <source>payment channel error</source>
      <translation>支付渠道错误</translation>
    </message>
    <message>
      <source>the transaction does not exist or cannot be changed</source>
      <translation>交易不存在或不能更改</translation>
    </message>
    <message>
      <source>the order is already closed</source>
      <translation>订单已关闭</translation>
    </message>
    <message>
      <source>the order is not paid yet (the customer may still be entering a password)</source>
      <translation>订单尚未付款（顾客可能仍在输入密码）</translation>
    </message>
    <message>
      <source>processing, please wait</source>
      <translation>处理中，请稍候</translation>
    </message>
    <message>
      <source>WeChat Pay transaction error</source>
      <translation>微信支付交易错误</translation>
    </message>
    <message>
      <source>the merchant's T0 billing does not allow cancelling transactions</source>
      <translation>商户的 T0 结算不允许取消交易</translation>
    </message>
    <message>
      <source>the gateway refused to revoke this transaction</source>
      <translation>网关拒绝撤回这笔交易</translation>
    </message>
    <message>
      <source>the result is unknown and must be queried</source>
      <translation>结果未知，需要查询</translation>
    </message>
    <message>
      <source>the order has expired</source>
      <translation>订单已过期</translation>
    </message>
    <message>
      <source>the customer's balance is insufficient</source>
      <translation>顾客余额不足</translation>
    </message>
    <message>
      <source>the customer's payment code was wrong or expired</source>
      <translation>顾客的付款码错误或已过期</translation>
    </message>
    <message>
      <source>merchant account error</source>
      <translation>商户账户错误</translation>
    </message>
    <message>
      <source>bank error</source>
      <translation>银行错误</translation>
    </message>
    <message>
      <source>the transaction failed; try later</source>
      <translation>交易失败，请稍后重试</translation>
    </message>
    <message>
      <source>the store is missing or not in good standing</source>
      <translation>门店不存在或状态异常</translation>
    </message>
    <message>
      <source>the store is misconfigured</source>
      <translation>门店设置错误</translation>
    </message>
    <message>
      <source>the store is disabled</source>
      <translation>门店已停用</translation>
    </message>
    <message>
      <source>this transaction is forbidden; contact QFPay</source>
      <translation>这笔交易被禁止，请联系 QFPay</translation>
    </message>
    <message>
      <source>the store is misconfigured (or a duplicate order number was used)</source>
      <translation>门店设置错误（或使用了重复的订单号）</translation>
    </message>
    <message>
      <source>system error when placing the order</source>
      <translation>下单时系统错误</translation>
    </message>
    <message>
      <source>a problem occurred and is being resolved</source>
      <translation>发生问题，正在处理中</translation>
    </message>
    <message>
      <source>the order is already paid</source>
      <translation>订单已付款</translation>
    </message>
    <message>
      <source>the order is not paid</source>
      <translation>订单未付款</translation>
    </message>
    <message>
      <source>the order is already refunded</source>
      <translation>订单已退款</translation>
    </message>
    <message>
      <source>the order is already cancelled</source>
      <translation>订单已取消</translation>
    </message>
    <message>
      <source>this transaction cannot be refunded</source>
      <translation>这笔交易不能退款</translation>
    </message>
    <message>
      <source>the amount is wrong</source>
      <translation>金额错误</translation>
    </message>
    <message>
      <source>the order information does not match</source>
      <translation>订单信息不符</translation>
    </message>
    <message>
      <source>the order does not exist</source>
      <translation>订单不存在</translation>
    </message>
    <message>
      <source>today's unsettled amount is too low</source>
      <translation>今日未结算金额不足</translation>
    </message>
    <message>
      <source>this currency does not allow a partial refund</source>
      <translation>此货币不支持部分退款</translation>
    </message>
    <message>
      <source>this transaction does not allow a partial refund</source>
      <translation>此交易不支持部分退款</translation>
    </message>
    <message>
      <source>the refund is more than what is left to refund</source>
      <translation>退款金额超过可退金额</translation>
    </message>
    <message>
      <source>blocked by the bank as possibly non-compliant (do not retry)</source>
      <translation>银行怀疑不合规而拦截（请勿重试）</translation>
    </message>
    <message>
      <source>the network is slow; waiting for a response</source>
      <translation>网络缓慢，正在等待回复</translation>
    </message>
    <message>
      <source>the network is slow; retry later</source>
      <translation>网络缓慢，请稍后重试</translation>
    </message>
    <message>
      <source>the bank system is busy, or this order cannot be closed</source>
      <translation>银行系统繁忙，或这张订单不能关闭</translation>
    </message>
    <message>
      <source>the network is slow; if already paid do not pay again</source>
      <translation>网络缓慢；如已付款请勿重复付款</translation>
    </message>
    <message>
      <source>the customer's code was wrong or expired</source>
      <translation>顾客的付款码错误或已过期</translation>
    </message>
    <message>
      <source>the customer closed the transaction</source>
      <translation>顾客已关闭交易</translation>
    </message>
    <message>
      <source>payment channel connection failure</source>
      <translation>支付渠道连接失败</translation>
    </message>
    <message>
      <source>duplicate transaction serial number</source>
      <translation>交易流水号重复</translation>
    </message>
    <message>
      <source>the payment channel is processing</source>
      <translation>支付渠道处理中</translation>
    </message>
    <message>
      <source>this channel refunds today's payments in full only</source>
      <translation>此渠道当日付款只可全额退款</translation>
    </message>
    <message>
      <source>the gateway refused the refund (another refund may still be processing, or this pay type cannot be refunded)</source>
      <translation>网关拒绝退款（可能另一笔退款仍在处理，或此付款方式不能退款）</translation>
    </message>
    <message>
      <source>this refund number was already used</source>
      <translation>此退款单号已被使用</translation>
    </message>
    <message>
      <source>the payment is not paid</source>
      <translation>付款尚未完成</translation>
    </message>
    <message>
      <source>the payment is already closed or fully refunded</source>
      <translation>付款已关闭或已全额退款</translation>
    </message>
    <message>
      <source>this payment cannot be refunded now (for example around midnight); try later</source>
      <translation>现在不能退款（例如午夜前后），请稍后再试</translation>
    </message>
    <message>
      <source>today's unsettled takings are too low to cover the refund; try later</source>
      <translation>今日未结算收入不足以支付退款，请稍后再试</translation>
    </message>
    <message>
      <source>A supervisor already exists; adding another needs the approval of an existing supervisor.</source>
      <translation>已有主管；添加主管需要现有主管批准。</translation>
    </message>
    <message>
      <source>A supervisor with ID %1 already exists.</source>
      <translation>编号为 %1 的主管已存在。</translation>
    </message>
    <message>
      <source>There is no supervisor with ID %1.</source>
      <translation>没有编号为 %1 的主管。</translation>
    </message>
    <message>
      <source>A supervisor cannot approve a change to their own account.</source>
      <translation>主管不能批准对自己账户的更改。</translation>
    </message>
    <message>
      <source>A supervisor cannot approve their own request.</source>
      <translation>主管不能批准自己的请求。</translation>
    </message>
    <message>
      <source>Supervisor %1 is disabled.</source>
      <translation>主管 %1 已停用。</translation>
    </message>
    <message>
      <source>Supervisor %1 is locked after %2 wrong PINs until %3.</source>
      <translation>主管 %1 因 %2 次 PIN 错误已被锁定，直至 %3。</translation>
    </message>
    <message>
      <source>Wrong PIN. Supervisor %1 is locked after %2 wrong PINs until %3.</source>
      <translation>PIN 错误。主管 %1 因 %2 次 PIN 错误已被锁定，直至 %3。</translation>
    </message>
    <message>
      <source>%1, but the journal could not record it because %2; the outcome will be checked %3 ('posrev pending --resume').</source>
      <translation>%1，但记录无法写入（%2）；结果会在%3核查（'posrev pending --resume'）。</translation>
    </message>
    <message>
      <source>An earlier send of this %1 may have reached the gateway, and the journal could not be written because %2; the outcome will be checked %3 ('posrev pending --resume').</source>
      <translation>这项%1较早的一次发送可能已到达网关，而记录无法写入（%2）；结果会在%3核查（'posrev pending --resume'）。</translation>
    </message>
    <message>
      <source>Nothing was sent, because the journal could not be written (%1). The %2 stays pending in the journal: 'posrev pending --resume' will send it %3.</source>
      <translation>记录无法写入（%1），所以没有发送任何请求。这项%2仍在记录中待处理：'posrev pending --resume' 会在%3发送。</translation>
    </message>
    <message>
      <source>The gateway answered the void (%1)</source>
      <translation>网关已回复撤销请求（%1）</translation>
    </message>
    <message>
      <source>The gateway answered the refund (%1)</source>
      <translation>网关已回复退款请求（%1）</translation>
    </message>
    <message>
      <source>Nothing was sent (%1)</source>
      <translation>没有发送任何请求（%1）</translation>
    </message>
    <message>
      <source>The %1 may have reached the gateway</source>
      <translation>这项%1可能已到达网关</translation>
    </message>
    <message>
      <source>Nothing has been sent for this %1 yet</source>
      <translation>这项%1尚未发送任何请求</translation>
    </message>
    <message>
      <source>void</source>
      <translation>撤销</translation>
    </message>
    <message>
      <source>the journal file was deleted or replaced (what this process held was saved and its unfinished voids carried over)</source>
      <translation>记录文件被删除或替换（本程序持有的内容已保存，未完成的撤销已转移）</translation>
    </message>
    <message>
      <source>when the disk has room</source>
      <translation>磁盘有空间时</translation>
    </message>
    <message>
      <source>once the journal can be written again</source>
      <translation>记录可再写入时</translation>
    </message>
    <message>
      <source>from the journal now in place</source>
      <translation>现用的记录文件中</translation>
    </message>
    <message>
      <source>the disk is full</source>
      <translation>磁盘已满</translation>
    </message>
    <message>
      <source>its folder is read-only</source>
      <translation>所在文件夹是只读的</translation>
    </message>
    <message>
      <source>another program is holding it locked</source>
      <translation>另一个程序正锁定它</translation>
    </message>
    <message>
      <source>it is read-only</source>
      <translation>它是只读的</translation>
    </message>
    <message>
      <source>permission is denied</source>
      <translation>没有访问权限</translation>
    </message>
    <message>
      <source>the disk reported an error (%1)</source>
      <translation>磁盘报告错误（%1）</translation>
    </message>
    <message>
      <source>the journal file is damaged (it is checked again, and set aside if need be, at the next start)</source>
      <translation>记录文件已损坏（下次启动时会再检查，如有需要会移到一旁）</translation>
    </message>
    <message>
      <source>Free some space on the disk, then try again.</source>
      <translation>请腾出磁盘空间，然后再试。</translation>
    </message>
    <message>
      <source>Make the folder writable for this user, then try again.</source>
      <translation>请让此用户可写入该文件夹，然后再试。</translation>
    </message>
    <message>
      <source>Make the file writable for this user, then try again.</source>
      <translation>请让此用户可写入该文件，然后再试。</translation>
    </message>
    <message>
      <source>Give this user access to the file and its folder, then try again.</source>
      <translation>请让此用户可访问该文件及其文件夹，然后再试。</translation>
    </message>
    <message>
      <source>Close the other program (another posrev, a backup or an antivirus scan), then try again.</source>
      <translation>请关闭另一个程序（另一个 posrev、备份或杀毒扫描），然后再试。</translation>
    </message>
    <message>
      <source>Check the disk, then try again.</source>
      <translation>请检查磁盘，然后再试。</translation>
    </message>
    <message>
      <source>Supervisor %1 is already disabled.</source>
      <translation>主管 %1 已经停用。</translation>
    </message>
    <message>
      <source>Wrong PIN for supervisor %1; %2 more wrong PINs lock it for %3 minutes.</source>
      <translation>主管 %1 的 PIN 错误；再错 %2 次将锁定 %3 分钟。</translation>
    </message>
    <message>
      <source>Wrong PIN for supervisor %1; %2 more wrong PIN locks it for %3 minutes.</source>
      <translation>主管 %1 的 PIN 错误；再错 %2 次将锁定 %3 分钟。</translation>
    </message>
    <message>
      <source>An approval must name the requester, the action and what it applies to.</source>
      <translation>批准必须注明申请人、操作及适用的对象。</translation>
    </message>
    <message>
      <source>A reason is required for a supervisor approval.</source>
      <translation>主管批准必须有原因。</translation>
    </message>
    <message>
      <source>This supervisor approval is not known on this terminal.</source>
      <translation>本终端没有这次主管批准的记录。</translation>
    </message>
    <message>
      <source>This supervisor approval has already been used; ask again.</source>
      <translation>这次主管批准已经用过；请重新申请。</translation>
    </message>
    <message>
      <source>This supervisor approval was given on another terminal.</source>
      <translation>这次主管批准是在另一台终端上给出的。</translation>
    </message>
    <message>
      <source>This supervisor approval does not match the one recorded.</source>
      <translation>这次主管批准与记录不符。</translation>
    </message>
    <message>
      <source>This supervisor approval was given for %1 on %2 requested by %3, not for %4 on %5 requested by %6.</source>
      <translation>这次主管批准是给 %3 申请的%1（%2），不是给 %6 申请的%4（%5）。</translation>
    </message>
    <message>
      <source>This supervisor approval has expired (approvals are valid for %1 minutes); ask again.</source>
      <translation>这次主管批准已过期（批准的有效期为 %1 分钟）；请重新申请。</translation>
    </message>
    <message>
      <source>Supervisor %1 has been disabled since giving this approval.</source>
      <translation>主管 %1 在给出这次批准后已被停用。</translation>
    </message>
    <message>
      <source>The gateway could not be reached (%1); nothing was sent.</source>
      <translation>无法连接网关（%1），没有发送任何请求。</translation>
    </message>
    <message>
      <source>The secure connection to the gateway failed: %1; nothing was sent.</source>
      <translation>与网关的安全连接失败：%1，没有发送任何请求。</translation>
    </message>
    <message>
      <source>The gateway's answer was lost or unreadable (%1).</source>
      <translation>网关的回复丢失或无法读取（%1）。</translation>
    </message>
    <message>
      <source>The gateway refused the close sent by %1 (%2); nothing was voided. Set close_method to "auto" (docs/IT-GUIDE.md).</source>
      <translation>网关拒绝了以 %1 发送的关闭订单请求（%2），没有撤销任何款项。请把 close_method 设为 "auto"（docs/IT-GUIDE.md）。</translation>
    </message>
    <message>
      <source>The gateway refused the close sent by %1 and %2 (%3); nothing was voided. This gateway takes neither method for a close; ask QFPay.</source>
      <translation>网关拒绝了以 %1 和 %2 发送的关闭订单请求（%3），没有撤销任何款项。这个网关两种方法都不接受；请联系 QFPay。</translation>
    </message>
    <message>
      <source>The gateway is rate limiting this merchant (HTTP 429).</source>
      <translation>网关正在限制该商户的请求频率（HTTP 429）。</translation>
    </message>
    <message>
      <source>The gateway is rate limiting this merchant (HTTP 429); retry after %1 s.</source>
      <translation>网关正在限制该商户的请求频率（HTTP 429）；请在 %1 秒后重试。</translation>
    </message>
    <message>
      <source>The gateway rejected the signature (1108): the app code or client key is wrong for this environment.</source>
      <translation>网关拒绝了签名（1108）：App code 或 Client key 与该环境不符。</translation>
    </message>
    <message>
      <source>The gateway refused the request: %1</source>
      <translation>网关拒绝了请求：%1</translation>
    </message>
    <message>
      <source>The gateway refused the request: %1: %2</source>
      <translation>网关拒绝了请求：%1：%2</translation>
    </message>
    <message>
      <source>The secure connection to the gateway failed: %1; the credentials were not tested.</source>
      <translation>与网关的安全连接失败：%1；凭证未经测试。</translation>
    </message>
    <message>
      <source>connection timed out</source>
      <translation>连接超时</translation>
    </message>
    <message>
      <source>no answer within %1 s</source>
      <translation>%1 秒内没有回复</translation>
    </message>
    <message>
      <source>the connection dropped after the request was sent</source>
      <translation>请求发出后连接中断</translation>
    </message>
    <message>
      <source>%1</source>
      <translation>%1</translation>
    </message>
    <message>
      <source>the proxy asked for credentials (HTTP 407); store them with 'posrev credentials set-proxy'</source>
      <translation>代理服务器要求登录信息（HTTP 407）；请用 'posrev credentials set-proxy' 保存</translation>
    </message>
    <message>
      <source>the proxy refused the connection (HTTP %1)</source>
      <translation>代理服务器拒绝连接（HTTP %1）</translation>
    </message>
    <message>
      <source>the proxy could not be reached (%1)</source>
      <translation>无法连接代理服务器（%1）</translation>
    </message>
    <message>
      <source>connection refused</source>
      <translation>连接被拒绝</translation>
    </message>
    <message>
      <source>name or service not known</source>
      <translation>找不到主机名</translation>
    </message>
    <message>
      <source>no route to host</source>
      <translation>没有到主机的路由</translation>
    </message>
    <message>
      <source>network is unreachable</source>
      <translation>网络不可达</translation>
    </message>
    <message>
      <source>timed out</source>
      <translation>超时</translation>
    </message>
    <message>
      <source>connection failed</source>
      <translation>连接失败</translation>
    </message>
    <message>
      <source>HTTP %1 from the gateway</source>
      <translation>网关返回 HTTP %1</translation>
    </message>
    <message>
      <source>unexpected HTTP %1 from the gateway</source>
      <translation>网关返回了意外的 HTTP %1</translation>
    </message>
    <message>
      <source>the answer is not JSON</source>
      <translation>回复不是 JSON</translation>
    </message>
    <message>
      <source>the answer is not a JSON object</source>
      <translation>回复不是 JSON 对象</translation>
    </message>
    <message>
      <source>the answer has no respcd</source>
      <translation>回复没有 respcd</translation>
    </message>
    <message>
      <source>the enquiry answer has no list of records</source>
      <translation>查询回复没有记录列表</translation>
    </message>
    <message>
      <source>a transaction record is malformed: %1</source>
      <translation>一条交易记录格式错误：%1</translation>
    </message>
    <message>
      <source>the answer's signature is wrong</source>
      <translation>回复的签名不正确</translation>
    </message>
    <message>
      <source>the answer is unsigned, but this gateway signs its answers</source>
      <translation>回复没有签名，但该网关一向为回复签名</translation>
    </message>
    <message>
      <source>the gateway's certificate has expired (or this PC's clock is wrong)</source>
      <translation>网关的证书已过期（或本机时钟不正确）</translation>
    </message>
    <message>
      <source>the gateway's certificate is not valid yet (or this PC's clock is wrong)</source>
      <translation>网关的证书尚未生效（或本机时钟不正确）</translation>
    </message>
    <message>
      <source>the gateway's certificate is for another host name than the one in base_url</source>
      <translation>网关的证书属于 base_url 以外的另一个主机名</translation>
    </message>
    <message>
      <source>the gateway's certificate is not trusted by this PC (a TLS-inspecting proxy needs its CA in ca_bundle)</source>
      <translation>本机不信任网关的证书（检查 TLS 的代理服务器须把其 CA 加入 ca_bundle）</translation>
    </message>
    <message>
      <source>the gateway did not speak TLS (is base_url https to a plain http port?)</source>
      <translation>网关没有使用 TLS（base_url 是否以 https 指向普通 http 端口？）</translation>
    </message>
    <message>
      <source>the TLS handshake was refused (%1)</source>
      <translation>TLS 握手被拒绝（%1）</translation>
    </message>
    <message>
      <source>The journal %1 cannot be created because %2. %3</source>
      <translation>无法创建记录文件 %1，因为%2。%3</translation>
    </message>
    <message>
      <source>The journal %1 cannot be opened because %2; it was left untouched. %3</source>
      <translation>无法打开记录文件 %1，因为%2；文件未被改动。%3</translation>
    </message>
    <message>
      <source>The damaged journal was moved aside to %1, but a new one cannot be started at %2 because %3.</source>
      <translation>已损坏的记录文件已移到 %1，但无法在 %2 创建新的记录文件，因为%3。</translation>
    </message>
    <message>
      <source>The journal %1 was written by a newer posrev (schema %2); upgrade posrev.</source>
      <translation>记录文件 %1 由较新版本的 posrev 写入（schema %2）；请升级 posrev。</translation>
    </message>
    <message>
      <source>The supervisor file %1 cannot be opened because %2; it was left untouched. Fix that and try again.</source>
      <translation>无法打开主管文件 %1，因为%2；文件未被改动。请先解决问题，然后再试。</translation>
    </message>
    <message>
      <source>The supervisor file %1 cannot be used: it is damaged (%2); it is left as it is for IT to inspect or restore from backup.</source>
      <translation>主管文件 %1 已损坏，无法使用（%2）；文件保持原状，由 IT 检查或从备份恢复。</translation>
    </message>
    <message>
      <source>The supervisor file %1 was written by a newer posrev (schema %2); upgrade posrev on this terminal.</source>
      <translation>主管文件 %1 由较新版本的 posrev 写入（schema %2）；请升级本终端的 posrev。</translation>
    </message>
    <message>
      <source>The supervisor file %1 could not be updated (%2).</source>
      <translation>无法更新主管文件 %1（%2）。</translation>
    </message>
    <message>
      <source>nodename nor servname</source>
      <translation>找不到主机名</translation>
    </message>
    <message>
      <source>getaddrinfo failed</source>
      <translation>找不到主机名</translation>
    </message>
    <message>
      <source>actively refused</source>
      <translation>连接被拒绝</translation>
    </message>
    <message>
      <source>void_forced</source>
      <translation>强制撤销</translation>
    </message>
    <message>
      <source>resolve_manual</source>
      <translation>人工处理待确认项目</translation>
    </message>
    <message>
      <source>settings</source>
      <translation>更改设置</translation>
    </message>
    <message>
      <source>credentials</source>
      <translation>更改凭证</translation>
    </message>
    <message>
      <source>add_supervisor</source>
      <translation>添加主管</translation>
    </message>
    <message>
      <source>disable_supervisor</source>
      <translation>停用主管</translation>
    </message>
    <message>
      <source>reset_supervisor</source>
      <translation>重置主管 PIN</translation>
    </message>
    <message>
      <source>fleet_view</source>
      <translation>查看门店网络</translation>
    </message>
    <message>
      <source>fleet_takeover</source>
      <translation>接手其他终端的操作</translation>
    </message>
    <message>
      <source>The journal folder %1 cannot be created because %2. %3</source>
      <translation>无法创建记录文件夹 %1，因为%2。%3</translation>
    </message>
    <message>
      <source>The supervisor file %1 cannot be opened because %2. %3</source>
      <translation>无法打开主管文件 %1，因为%2。%3</translation>
    </message>
    <message>
      <source>The journal was damaged and was moved aside to %1; a new one was started. %2 unfinished void(s) were read from it and %3 carried over: %4. %5</source>
      <translation>记录文件已损坏，已移到 %1，并已创建新的记录文件。从中读到 %2 项未完成的撤销，其中 %3 项已转到新记录文件：%4。%5</translation>
    </message>
    <message>
      <source>The journal was damaged and was moved aside to %1; a new one was started. No unfinished void could be read from it. %2</source>
      <translation>记录文件已损坏，已移到 %1，并已创建新的记录文件。未能从中读到任何未完成的撤销。%2</translation>
    </message>
    <message>
      <source>Keep that file for IT.</source>
      <translation>请为 IT 保留该文件。</translation>
    </message>
    <message>
      <source>Part of it could not be read: check the gateway's records of the last voids, and keep that file for IT.</source>
      <translation>部分内容无法读取：请核对网关上最近几笔撤销的记录，并为 IT 保留该文件。</translation>
    </message>
    <message>
      <source>The journal %1 was deleted or replaced while posrev was using it%2%3.</source>
      <translation>posrev 使用中的记录文件 %1 被删除或替换%2%3。</translation>
    </message>
    <message>
      <source>; what this process still held was saved to %1</source>
      <translation>；本程序仍持有的内容已保存到 %1</translation>
    </message>
    <message>
      <source> and its %1 unfinished operation(s) were carried over to a new journal</source>
      <translation>，其中 %1 项未完成的操作已转到新的记录文件</translation>
    </message>
    <message>
      <source>The journal has a damaged page; it will be set aside, with its unfinished voids carried over, when posrev next starts. Restart posrev when no void is in progress, and tell IT.</source>
      <translation>记录文件有一页已损坏；posrev 下次启动时会把它移到一旁，并把未完成的撤销转到新记录文件。请在没有进行中的撤销时重新启动 posrev，并通知 IT。</translation>
    </message>
    <message>
      <source>a file stands where its folder should be</source>
      <translation>文件夹的位置上有一个文件</translation>
    </message>
    <message>
      <source>Move that file away (or tell IT), then try again.</source>
      <translation>请移走该文件（或通知 IT），然后再试。</translation>
    </message>
  </context>
  <context>
    <name>NewSupervisorDialog</name>
    <message>
      <source>Add a supervisor</source>
      <translation>新增主管</translation>
    </message>
    <message>
      <source>Supervisor ID</source>
      <translation>主管编号</translation>
    </message>
    <message>
      <source>Name</source>
      <translation>姓名</translation>
    </message>
    <message>
      <source>PIN (6 to 12 digits)</source>
      <translation>密码（6 至 12 位数字）</translation>
    </message>
    <message>
      <source>PIN again</source>
      <translation>再次输入密码</translation>
    </message>
    <message>
      <source>Add</source>
      <translation>新增</translation>
    </message>
    <message>
      <source>Fill in every field.</source>
      <translation>请填写所有字段。</translation>
    </message>
    <message>
      <source>The two PINs are not the same.</source>
      <translation>两次输入的密码不一致。</translation>
    </message>
  </context>
  <context>
    <name>OperationDetailsDialog</name>
    <message>
      <source>Operation %1</source>
      <translation>操作 %1</translation>
    </message>
    <message>
      <source>Loading…</source>
      <translation>加载中…</translation>
    </message>
    <message>
      <source>Close</source>
      <translation>关闭</translation>
    </message>
  </context>
  <context>
    <name>Operations</name>
    <message>
      <source>Started</source>
      <translation>开始时间</translation>
    </message>
    <message>
      <source>Amount</source>
      <translation>金额</translation>
    </message>
    <message>
      <source>QFPay number</source>
      <translation>QFPay 交易号</translation>
    </message>
    <message>
      <source>Order number</source>
      <translation>订单号</translation>
    </message>
    <message>
      <source>Action</source>
      <translation>操作</translation>
    </message>
    <message>
      <source>State</source>
      <translation>状态</translation>
    </message>
    <message>
      <source>Cashier</source>
      <translation>收银员</translation>
    </message>
  </context>
  <context>
    <name>Outcome</name>
    <message>
      <source>Voided</source>
      <translation>已撤销</translation>
    </message>
    <message>
      <source>Refund required</source>
      <translation>需要退款</translation>
    </message>
    <message>
      <source>Failed</source>
      <translation>失败</translation>
    </message>
    <message>
      <source>Needs a supervisor</source>
      <translation>需要主管处理</translation>
    </message>
    <message>
      <source>Not final yet</source>
      <translation>尚未完成</translation>
    </message>
    <message>
      <source>Refunded</source>
      <translation>已退款</translation>
    </message>
    <message>
      <source>Taken over by another terminal</source>
      <translation>已由另一台终端接手</translation>
    </message>
  </context>
  <context>
    <name>PayType</name>
    <message>
      <source>QR scan (WeChat Pay, Alipay, UnionPay, PayMe)</source>
      <translation>扫码付款（微信支付、支付宝、银联、PayMe）</translation>
    </message>
    <message>
      <source>Alipay, store QR code</source>
      <translation>支付宝，商户二维码</translation>
    </message>
    <message>
      <source>Alipay, customer's code scanned</source>
      <translation>支付宝，扫顾客付款码</translation>
    </message>
    <message>
      <source>Alipay HK, store QR code</source>
      <translation>支付宝香港，商户二维码</translation>
    </message>
    <message>
      <source>Alipay HK, in-app</source>
      <translation>支付宝香港，应用内</translation>
    </message>
    <message>
      <source>Alipay HK, online</source>
      <translation>支付宝香港，线上</translation>
    </message>
    <message>
      <source>WeChat Pay, store QR code</source>
      <translation>微信支付，商户二维码</translation>
    </message>
    <message>
      <source>WeChat Pay, customer's code scanned</source>
      <translation>微信支付，扫顾客付款码</translation>
    </message>
    <message>
      <source>WeChat Pay, mobile web</source>
      <translation>微信支付，手机网页</translation>
    </message>
    <message>
      <source>WeChat Pay HK, customer's code scanned</source>
      <translation>微信支付香港，扫顾客付款码</translation>
    </message>
    <message>
      <source>PayMe, store QR code</source>
      <translation>PayMe，商户二维码</translation>
    </message>
    <message>
      <source>PayMe, customer's code scanned</source>
      <translation>PayMe，扫顾客付款码</translation>
    </message>
    <message>
      <source>UnionPay QuickPass, store QR code</source>
      <translation>银联云闪付，商户二维码</translation>
    </message>
    <message>
      <source>UnionPay QuickPass, customer's code scanned</source>
      <translation>银联云闪付，扫顾客付款码</translation>
    </message>
    <message>
      <source>FPS, store QR code</source>
      <translation>转数快，商户二维码</translation>
    </message>
    <message>
      <source>Octopus, store QR code</source>
      <translation>八达通，商户二维码</translation>
    </message>
  </context>
  <context>
    <name>PendingWindow</name>
    <message>
      <source>Voids and refunds not confirmed yet</source>
      <translation>尚未确认的撤销和退款</translation>
    </message>
    <message>
      <source>Voids and refunds that are not confirmed yet. posrev keeps checking them in the background; Re-check asks the gateway now. One that needs a supervisor is resolved with a note.</source>
      <translation>尚未确认的撤销和退款。posrev 会在后台继续核实；“立即重新查询”会马上向网关查询。需要主管处理的项目，由主管附注说明后处理。</translation>
    </message>
    <message>
      <source>Resolve (supervisor)…</source>
      <translation>处理（需主管）…</translation>
    </message>
    <message>
      <source>&amp;Details…</source>
      <translation>详情(&amp;D)…</translation>
    </message>
    <message>
      <source>Close</source>
      <translation>关闭</translation>
    </message>
    <message>
      <source>Nothing is pending.</source>
      <translation>没有待确认的撤销。</translation>
    </message>
    <message>
      <source>Stop checking</source>
      <translation>停止查询</translation>
    </message>
    <message>
      <source>&amp;Re-check now</source>
      <translation>立即重新查询(&amp;R)</translation>
    </message>
    <message>
      <source>Checking %1…</source>
      <translation>正在查询 %1…</translation>
    </message>
    <message>
      <source>Resolve the void of %1 (QFPay number %2) as "%3". A supervisor approves with their ID and PIN.</source>
      <translation>把 %1（QFPay 交易号 %2）的撤销处理为“%3”。请主管以编号和密码批准。</translation>
    </message>
    <message>
      <source>Resolved: %1</source>
      <translation>已处理：%1</translation>
    </message>
    <message>
      <source>Resolve the refund of %1 (QFPay number %2) as "%3". A supervisor approves with their ID and PIN.</source>
      <translation>将 %1 的退款（QFPay 交易号 %2）处理为“%3”。主管以编号及密码批准。</translation>
    </message>
  </context>
  <context>
    <name>PinPad</name>
    <message>
      <source>Clear</source>
      <translation>清除</translation>
    </message>
    <message>
      <source>Delete the last digit</source>
      <translation>删除最后一位</translation>
    </message>
  </context>
  <context>
    <name>ReasonInput</name>
    <message>
      <source>Choose or type a reason</source>
      <translation>选择或输入原因</translation>
    </message>
  </context>
  <context>
    <name>Reasons</name>
    <message>
      <source>Customer left without paying</source>
      <translation>顾客未付款便离开</translation>
    </message>
    <message>
      <source>Customer chose another payment method</source>
      <translation>顾客改用其他付款方式</translation>
    </message>
    <message>
      <source>Wrong amount entered</source>
      <translation>输入了错误金额</translation>
    </message>
    <message>
      <source>Duplicate order</source>
      <translation>重复订单</translation>
    </message>
    <message>
      <source>Terminal or network fault</source>
      <translation>终端或网络故障</translation>
    </message>
    <message>
      <source>Other</source>
      <translation>其他</translation>
    </message>
    <message>
      <source>New or changed QFPay credentials</source>
      <translation>新的或更改的 QFPay 凭证</translation>
    </message>
    <message>
      <source>Gateway or environment change</source>
      <translation>更改网关或环境</translation>
    </message>
    <message>
      <source>Terminal ID change</source>
      <translation>更改终端编号</translation>
    </message>
    <message>
      <source>Language change</source>
      <translation>更改语言</translation>
    </message>
    <message>
      <source>New supervisor</source>
      <translation>添加主管</translation>
    </message>
    <message>
      <source>Customer paid before the void went through</source>
      <translation>撤销完成前顾客已付款</translation>
    </message>
    <message>
      <source>Goods returned</source>
      <translation>顾客退货</translation>
    </message>
    <message>
      <source>Customer was charged twice</source>
      <translation>顾客被重复收费</translation>
    </message>
    <message>
      <source>Wrong amount charged</source>
      <translation>收错金额</translation>
    </message>
  </context>
  <context>
    <name>Refund</name>
    <message>
      <source>Refund: up to %1 can be refunded; a supervisor approves.</source>
      <translation>退款：最多可退 %1，需主管批准。</translation>
    </message>
    <message>
      <source>Refund: %1 can be refunded, in full only today; a supervisor approves.</source>
      <translation>退款：可退 %1，今日只可全额退款，需主管批准。</translation>
    </message>
    <message>
      <source>Refund: %1 was already refunded; up to %2 can still be refunded; a supervisor approves.</source>
      <translation>退款：已退 %1，最多仍可退 %2，需主管批准。</translation>
    </message>
    <message>
      <source>This payment is too old to be refunded here.</source>
      <translation>这笔付款太旧，不能在此退款。</translation>
    </message>
    <message>
      <source>This payment was already refunded in full.</source>
      <translation>这笔付款已全额退款。</translation>
    </message>
    <message>
      <source>An earlier refund of this payment is not resolved; a supervisor must resolve it first (pending list).</source>
      <translation>这笔付款较早的退款尚未解决，主管须先在待处理清单中处理。</translation>
    </message>
    <message>
      <source>This pay type cannot be refunded through the gateway.</source>
      <translation>这种付款方式不能经网关退款。</translation>
    </message>
  </context>
  <context>
    <name>RefundActions</name>
    <message>
      <source>Re&amp;fund (supervisor)</source>
      <translation>退款(&amp;F)（主管）</translation>
    </message>
    <message>
      <source>Refund this payment to the customer; a supervisor approves the amount.</source>
      <translation>把这笔付款退给顾客，金额须由主管批准。</translation>
    </message>
    <message>
      <source>Refund &amp;amount</source>
      <translation>退款金额(&amp;A)</translation>
    </message>
    <message>
      <source>Enter an amount from %1 to %2.</source>
      <translation>请输入 %1 至 %2 之间的金额。</translation>
    </message>
    <message>
      <source>This payment can only be refunded in full today: %1.</source>
      <translation>这笔付款今日只可全额退款：%1。</translation>
    </message>
    <message>
      <source>A refund of %1 (payment %2, QFPay number %3) needs a supervisor. The supervisor enters their ID and PIN here; they cannot be the signed-in cashier (%4).</source>
      <translation>退款 %1（付款 %2，QFPay 交易号 %3）需要主管批准。主管在此输入编号及密码；主管不能是已登录的收银员（%4）。</translation>
    </message>
  </context>
  <context>
    <name>ResolveDialog</name>
    <message>
      <source>Resolve a void</source>
      <translation>处理撤销</translation>
    </message>
    <message>
      <source>The gateway never confirmed the void of %1 (QFPay number %2). Check the payment in the merchant portal, then record what happened.</source>
      <translation>网关一直没有确认 %1（QFPay 交易号 %2）的撤销。请在商户后台核查这笔付款，再记录结果。</translation>
    </message>
    <message>
      <source>Note (required): how was this established?</source>
      <translation>附注（必填）：如何确认结果？</translation>
    </message>
    <message>
      <source>Continue</source>
      <translation>继续</translation>
    </message>
    <message>
      <source>A note is required.</source>
      <translation>必须填写附注。</translation>
    </message>
    <message>
      <source>Resolve a refund</source>
      <translation>处理退款</translation>
    </message>
    <message>
      <source>The gateway never confirmed the refund of %1 (QFPay number %2, refund order number %3). Check the merchant portal, then record what happened.</source>
      <translation>网关一直未确认 %1 的退款（QFPay 交易号 %2，退款单号 %3）。请在商户后台查核，然后记录结果。</translation>
    </message>
  </context>
  <context>
    <name>Settings</name>
    <message>
      <source>Changing the settings needs a supervisor.</source>
      <translation>更改设置需要主管批准。</translation>
    </message>
  </context>
  <context>
    <name>SettingsDialog</name>
    <message>
      <source>Settings</source>
      <translation>设置</translation>
    </message>
    <message>
      <source>Gateway in use: %1</source>
      <translation>使用中的支付网关：%1</translation>
    </message>
    <message>
      <source>unchanged</source>
      <translation>不变</translation>
    </message>
    <message>
      <source>Environment</source>
      <translation>环境</translation>
    </message>
    <message>
      <source>Region</source>
      <translation>地区</translation>
    </message>
    <message>
      <source>Gateway URL (optional)</source>
      <translation>网关地址（可选）</translation>
    </message>
    <message>
      <source>Signature</source>
      <translation>签名方式</translation>
    </message>
    <message>
      <source>Merchant ID (mchid)</source>
      <translation>商户编号（mchid）</translation>
    </message>
    <message>
      <source>Terminal ID (udid)</source>
      <translation>终端编号（udid）</translation>
    </message>
    <message>
      <source>Language</source>
      <translation>语言</translation>
    </message>
    <message>
      <source>New app code</source>
      <translation>新 app code</translation>
    </message>
    <message>
      <source>New client key</source>
      <translation>新 client key</translation>
    </message>
    <message>
      <source>Demo (simulated gateway; nothing is real)</source>
      <translation>演示（模拟支付网关；均非真实交易）</translation>
    </message>
    <message>
      <source>Add a supervisor…</source>
      <translation>新增主管…</translation>
    </message>
    <message>
      <source>Gateway, terminal and credential changes apply when you save; the window reconnects.</source>
      <translation>网关、终端及凭证的更改在保存后生效，窗口会重新连接。</translation>
    </message>
    <message>
      <source>Save</source>
      <translation>保存</translation>
    </message>
    <message>
      <source>Enter both the app code and the client key, or neither.</source>
      <translation>请同时输入 app code 和 client key，或两者都不填。</translation>
    </message>
    <message>
      <source>Adding supervisor %1 needs another supervisor's approval.</source>
      <translation>新增主管 %1 需要另一位主管批准。</translation>
    </message>
    <message>
      <source>Supervisor %1 added.</source>
      <translation>已新增主管 %1。</translation>
    </message>
    <message>
      <source>Store name (on the slip)</source>
      <translation>店铺名称（打印在单据上）</translation>
    </message>
  </context>
  <context>
    <name>Setup</name>
    <message>
      <source>Sandbox (QFPay's shared test system)</source>
      <translation>沙盒（QFPay 共用测试系统）</translation>
    </message>
    <message>
      <source>Test (real gateway, test money)</source>
      <translation>测试（真实网关，测试款项）</translation>
    </message>
    <message>
      <source>Live (real money)</source>
      <translation>正式（真实款项）</translation>
    </message>
    <message>
      <source>This computer has no keyring to keep the credentials in. IT must install one (on Linux, gnome-keyring), then run setup again.</source>
      <translation>这台电脑没有可保存凭证的钥匙串。IT 必须先安装一个（Linux 上为 gnome-keyring），然后再运行设置。</translation>
    </message>
    <message>
      <source>The system's keyring is locked, so the credentials cannot be kept. Unlock it (sign in to the desktop again), then try again.</source>
      <translation>系统的钥匙串已锁定，无法保存凭证。请先解锁（重新登录桌面），然后重试。</translation>
    </message>
    <message>
      <source>The system's keyring could not be opened, so the credentials cannot be kept. Call IT.</source>
      <translation>无法打开系统的钥匙串，所以无法保存凭证。请联系 IT。</translation>
    </message>
    <message>
      <source>This terminal is set up.</source>
      <translation>此终端已完成设置。</translation>
    </message>
    <message>
      <source>The system's keyring refused to keep the credentials. Call IT.</source>
      <translation>系统的钥匙串拒绝保存凭证。请联系 IT。</translation>
    </message>
    <message>
      <source>The app code</source>
      <translation>App code</translation>
    </message>
    <message>
      <source>The client key</source>
      <translation>Client key</translation>
    </message>
    <message>
      <source>%1 must be %2 to %3 characters; you entered %4.</source>
      <translation>%1 必须有 %2 至 %3 个字符；你输入了 %4 个。</translation>
    </message>
    <message>
      <source>%1 may contain only letters, digits and ASCII punctuation, without spaces; character %2 is not allowed.</source>
      <translation>%1 只能包含英文字母、数字和 ASCII 标点符号，不能有空格；第 %2 个字符不被接受。</translation>
    </message>
    <message>
      <source>This terminal has no QFPay credentials and no supervisor yet.</source>
      <translation>此终端尚无 QFPay 凭证，也没有主管。</translation>
    </message>
    <message>
      <source>This terminal has no QFPay credentials yet.</source>
      <translation>此终端尚无 QFPay 凭证。</translation>
    </message>
    <message>
      <source>This terminal has no supervisor yet.</source>
      <translation>此终端尚无主管。</translation>
    </message>
  </context>
  <context>
    <name>SetupWizard</name>
    <message>
      <source>Set up posrev</source>
      <translation>设置 posrev</translation>
    </message>
  </context>
  <context>
    <name>SignInDialog</name>
    <message>
      <source>Cashier sign-in</source>
      <translation>收银员登录</translation>
    </message>
    <message>
      <source>Enter your cashier ID. Every void is recorded under it.</source>
      <translation>请输入收银员编号，每次撤销都会以此记录。</translation>
    </message>
    <message>
      <source>Cashier ID</source>
      <translation>收银员编号</translation>
    </message>
    <message>
      <source>Sign in</source>
      <translation>登录</translation>
    </message>
  </context>
  <context>
    <name>Slip</name>
    <message>
      <source>QFPay number</source>
      <translation>QFPay 交易号</translation>
    </message>
    <message>
      <source>Order number</source>
      <translation>订单号</translation>
    </message>
    <message>
      <source>Void number</source>
      <translation>撤销单号</translation>
    </message>
    <message>
      <source>Action</source>
      <translation>操作</translation>
    </message>
    <message>
      <source>Cashier</source>
      <translation>收银员</translation>
    </message>
    <message>
      <source>Approved by</source>
      <translation>批准主管</translation>
    </message>
    <message>
      <source>Approval reason</source>
      <translation>批准原因</translation>
    </message>
    <message>
      <source>Terminal</source>
      <translation>终端</translation>
    </message>
    <message>
      <source>Started</source>
      <translation>开始时间</translation>
    </message>
    <message>
      <source>Last update</source>
      <translation>最后更新</translation>
    </message>
    <message>
      <source>Printed</source>
      <translation>打印时间</translation>
    </message>
    <message>
      <source>Operation</source>
      <translation>操作编号</translation>
    </message>
    <message>
      <source>VOID SLIP</source>
      <translation>撤销单据</translation>
    </message>
    <message>
      <source>DEMO — a simulated gateway; nothing was voided</source>
      <translation>演示 — 模拟网关，没有撤销任何付款</translation>
    </message>
    <message>
      <source>SIMULATOR — a test gateway on this computer; no real money</source>
      <translation>模拟器 — 这台电脑上的测试网关，不涉及真实款项</translation>
    </message>
    <message>
      <source>TEST — test environment; no real money</source>
      <translation>测试 — 测试环境，不涉及真实款项</translation>
    </message>
    <message>
      <source>Save the slip</source>
      <translation>保存单据</translation>
    </message>
    <message>
      <source>PDF files (*.pdf)</source>
      <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
      <source>Refund number</source>
      <translation>退款交易号</translation>
    </message>
    <message>
      <source>Refund order number</source>
      <translation>退款单号</translation>
    </message>
    <message>
      <source>Amount paid</source>
      <translation>已付金额</translation>
    </message>
    <message>
      <source>REFUND SLIP</source>
      <translation>退款单据</translation>
    </message>
    <message>
      <source>DEMO — a simulated gateway; nothing was refunded</source>
      <translation>示范 — 模拟网关，没有真正退款</translation>
    </message>
  </context>
  <context>
    <name>SlipDialog</name>
    <message>
      <source>Print the void slip</source>
      <translation>打印撤销单据</translation>
    </message>
    <message>
      <source>Print the slip on the printer, or save it as a PDF file.</source>
      <translation>用打印机打印单据，或保存为 PDF 文件。</translation>
    </message>
    <message>
      <source>&amp;Printer…</source>
      <translation>打印机…(&amp;P)</translation>
    </message>
    <message>
      <source>No printer is installed on this computer; save the slip as a PDF file.</source>
      <translation>这台电脑没有安装打印机；请把单据保存为 PDF 文件。</translation>
    </message>
    <message>
      <source>No printer is installed on this computer.</source>
      <translation>这台电脑没有安装打印机。</translation>
    </message>
    <message>
      <source>Save as P&amp;DF…</source>
      <translation>保存为 PDF…(&amp;D)</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>取消</translation>
    </message>
  </context>
  <context>
    <name>State</name>
    <message>
      <source>Getting ready to send the void</source>
      <translation>准备发送撤销</translation>
    </message>
    <message>
      <source>Sending the void to the gateway</source>
      <translation>正在向网关发送撤销</translation>
    </message>
    <message>
      <source>The gateway accepted the void; confirming</source>
      <translation>网关已接受撤销，正在确认</translation>
    </message>
    <message>
      <source>The gateway refused; checking the payment</source>
      <translation>网关拒绝，正在核查付款</translation>
    </message>
    <message>
      <source>The gateway is processing the void</source>
      <translation>网关正在处理撤销</translation>
    </message>
    <message>
      <source>The answer was lost; checking what happened</source>
      <translation>回复丢失，正在核实结果</translation>
    </message>
    <message>
      <source>Voided</source>
      <translation>已撤销</translation>
    </message>
    <message>
      <source>Refund required</source>
      <translation>需要退款</translation>
    </message>
    <message>
      <source>Failed</source>
      <translation>失败</translation>
    </message>
    <message>
      <source>Needs a supervisor</source>
      <translation>需要主管处理</translation>
    </message>
    <message>
      <source>Refunded</source>
      <translation>已退款</translation>
    </message>
    <message>
      <source>Getting ready to send the refund</source>
      <translation>准备发送退款</translation>
    </message>
    <message>
      <source>Sending the refund to the gateway</source>
      <translation>正在向网关发送退款</translation>
    </message>
    <message>
      <source>The gateway accepted the refund; confirming</source>
      <translation>网关已接受退款，正在确认</translation>
    </message>
    <message>
      <source>The gateway refused; checking whether the refund exists</source>
      <translation>网关拒绝，正在查核退款是否存在</translation>
    </message>
    <message>
      <source>The gateway is processing the refund</source>
      <translation>网关正在处理退款</translation>
    </message>
    <message>
      <source>Taken over by another terminal</source>
      <translation>已由另一台终端接手</translation>
    </message>
  </context>
  <context>
    <name>SupervisorDialog</name>
    <message>
      <source>Supervisor approval</source>
      <translation>主管批准</translation>
    </message>
    <message>
      <source>Supervisor ID</source>
      <translation>主管编号</translation>
    </message>
    <message>
      <source>6 to 12 digits</source>
      <translation>6 至 12 位数字</translation>
    </message>
    <message>
      <source>Supervisor &amp;ID</source>
      <translation>主管编号(&amp;I)</translation>
    </message>
    <message>
      <source>&amp;PIN</source>
      <translation>密码(&amp;P)</translation>
    </message>
    <message>
      <source>&amp;Reason</source>
      <translation>原因(&amp;R)</translation>
    </message>
    <message>
      <source>Approve</source>
      <translation>批准</translation>
    </message>
    <message>
      <source>Enter the supervisor's ID.</source>
      <translation>请输入主管编号。</translation>
    </message>
    <message>
      <source>Enter the supervisor's PIN.</source>
      <translation>请输入主管密码。</translation>
    </message>
    <message>
      <source>Choose or type a reason.</source>
      <translation>请选择或输入原因。</translation>
    </message>
    <message>
      <source>Checking…</source>
      <translation>核对中…</translation>
    </message>
  </context>
  <context>
    <name>SupervisorPage</name>
    <message>
      <source>First supervisor</source>
      <translation>第一位主管</translation>
    </message>
    <message>
      <source>The credentials are set; this terminal still needs its first supervisor, who approves risky voids and changes settings with a PIN of 6 to 12 digits.</source>
      <translation>凭证已设置；此终端仍需要第一位主管。主管以 6 至 12 位数字的 PIN 批准有风险的撤销和更改设置。</translation>
    </message>
    <message>
      <source>Step 4 of 4: a supervisor approves risky voids and changes settings with a PIN of 6 to 12 digits.</source>
      <translation>第 4 步（共 4 步）：主管以 6 至 12 位数字密码批准有风险的撤销及更改设置。</translation>
    </message>
    <message>
      <source>Adding more supervisors later needs this supervisor's approval.</source>
      <translation>日后新增主管需要这位主管批准。</translation>
    </message>
    <message>
      <source>Supervisor &amp;ID</source>
      <translation>主管编号(&amp;I)</translation>
    </message>
    <message>
      <source>&amp;Name</source>
      <translation>姓名(&amp;N)</translation>
    </message>
    <message>
      <source>&amp;PIN</source>
      <translation>密码(&amp;P)</translation>
    </message>
    <message>
      <source>PIN &amp;again</source>
      <translation>再次输入密码(&amp;A)</translation>
    </message>
    <message>
      <source>The two PINs are not the same.</source>
      <translation>两次输入的密码不一致。</translation>
    </message>
    <message>
      <source>The PIN must have 6 to 12 digits.</source>
      <translation>密码必须是 6 至 12 位数字。</translation>
    </message>
  </context>
  <context>
    <name>TerminalPage</name>
    <message>
      <source>This terminal</source>
      <translation>本终端</translation>
    </message>
    <message>
      <source>Step 3 of 4: the terminal's ID (udid) is sent with every void; keep the generated one unless IT gave you one.</source>
      <translation>第 3 步（共 4 步）：每次撤销都会发送终端编号（udid）；除非 IT 另有提供，请保留自动生成的编号。</translation>
    </message>
    <message>
      <source>Only a supervisor can change these later, in Settings.</source>
      <translation>日后只有主管可在“设置”中更改。</translation>
    </message>
    <message>
      <source>Terminal &amp;ID (udid)</source>
      <translation>终端编号（udid）(&amp;I)</translation>
    </message>
    <message>
      <source>&amp;Language</source>
      <translation>语言(&amp;L)</translation>
    </message>
    <message>
      <source>&amp;Store name (on the slip, optional)</source>
      <translation>店铺名称（打印在单据上，可选）(&amp;S)</translation>
    </message>
  </context>
  <context>
    <name>Texts</name>
    <message>
      <source>Pay type %1</source>
      <translation>支付类型 %1</translation>
    </message>
    <message>
      <source>&amp;Close this order</source>
      <translation>关闭这张订单(&amp;C)</translation>
    </message>
    <message>
      <source>&amp;Reverse this payment</source>
      <translation>撤销这笔付款(&amp;R)</translation>
    </message>
    <message>
      <source>Close %1</source>
      <translation>关闭 %1</translation>
    </message>
    <message>
      <source>Reverse %1</source>
      <translation>撤销 %1</translation>
    </message>
    <message>
      <source>Refund record</source>
      <translation>退款记录</translation>
    </message>
    <message>
      <source>Voided or closed</source>
      <translation>已撤销或关闭</translation>
    </message>
    <message>
      <source>Refunded or finished</source>
      <translation>已退款或已完成</translation>
    </message>
    <message>
      <source>Paid</source>
      <translation>已付款</translation>
    </message>
    <message>
      <source>Demo: a simulated gateway on this computer; nothing is real.</source>
      <translation>演示：本机上的模拟支付网关；均非真实交易。</translation>
    </message>
    <message>
      <source>Simulator at %1: a test gateway on this computer; no real money.</source>
      <translation>模拟器 %1：本机上的测试支付网关；不涉及真实款项。</translation>
    </message>
    <message>
      <source>Live: %1, real money.</source>
      <translation>正式：%1，真实款项。</translation>
    </message>
    <message>
      <source>Test: %1, test money.</source>
      <translation>测试：%1，测试款项。</translation>
    </message>
    <message>
      <source>Refunded at %1</source>
      <translation>退款时间 %1</translation>
    </message>
    <message>
      <source>Paid at %1</source>
      <translation>付款时间 %1</translation>
    </message>
    <message>
      <source>Started at %1</source>
      <translation>开始时间 %1</translation>
    </message>
    <message>
      <source>%1 s</source>
      <translation>%1 秒</translation>
    </message>
    <message>
      <source>%1 min</source>
      <translation>%1 分钟</translation>
    </message>
    <message>
      <source>%1 h %2 min</source>
      <translation>%1 小时 %2 分钟</translation>
    </message>
    <message>
      <source>%1 d</source>
      <translation>%1 天</translation>
    </message>
    <message>
      <source>just now</source>
      <translation>刚刚</translation>
    </message>
    <message>
      <source>%1 ago</source>
      <translation>%1前</translation>
    </message>
    <message>
      <source>Voided — the customer will not be charged</source>
      <translation>已撤销 — 顾客不会被扣款</translation>
    </message>
    <message>
      <source>Payment completed — refund it instead</source>
      <translation>付款已完成 — 请改为退款</translation>
    </message>
    <message>
      <source>Failed: %1</source>
      <translation>失败：%1</translation>
    </message>
    <message>
      <source>Taken over by another terminal</source>
      <translation>已由另一台终端接手</translation>
    </message>
    <message>
      <source>Not confirmed yet</source>
      <translation>尚未确认</translation>
    </message>
    <message>
      <source>the gateway could not be reached; nothing was sent</source>
      <translation>无法连接网关，没有发送任何请求</translation>
    </message>
    <message>
      <source>no reason was given</source>
      <translation>没有提供原因</translation>
    </message>
    <message>
      <source>The payment of %1 is cancelled at the gateway.</source>
      <translation>网关已取消这笔 %1 的付款。</translation>
    </message>
    <message>
      <source>Nothing was voided. Look the payment up again before trying anything else.</source>
      <translation>没有撤销任何款项。请先重新查询这笔付款，再作其他处理。</translation>
    </message>
    <message>
      <source>The gateway never confirmed this void. A supervisor must resolve it in the pending list.</source>
      <translation>网关一直没有确认这次撤销。需由主管在待确认列表中处理。</translation>
    </message>
    <message>
      <source>The void is still being checked in the background; it is in the pending list.</source>
      <translation>系统仍在后台核实这次撤销，可在待确认列表中查看。</translation>
    </message>
    <message>
      <source>Refunded — %1 goes back to the customer</source>
      <translation>已退款 — %1 退回给顾客</translation>
    </message>
    <message>
      <source>Refund failed: %1</source>
      <translation>退款失败：%1</translation>
    </message>
    <message>
      <source>The gateway refunded %1 of the payment of %2 (QFPay number %3).</source>
      <translation>网关已就 %2 的付款退款 %1（QFPay 交易号 %3）。</translation>
    </message>
    <message>
      <source>Nothing was refunded. Look the payment up again before trying anything else.</source>
      <translation>没有退款。请先重新查询这笔付款，再作其他操作。</translation>
    </message>
    <message>
      <source>The gateway never confirmed this refund. A supervisor must resolve it in the pending list.</source>
      <translation>网关一直未确认这笔退款。主管须在待处理清单中处理。</translation>
    </message>
    <message>
      <source>The refund is still being checked in the background; it is in the pending list.</source>
      <translation>退款仍在后台查询中，已列入待处理清单。</translation>
    </message>
    <message>
      <source>The customer paid %1 before the void: refund it instead (QFPay number %2).</source>
      <translation>顾客在撤销前已付款 %1，请改为退款（QFPay 交易号 %2）。</translation>
    </message>
    <message>
      <source>Another terminal of the store took this refund over; this terminal sends nothing more for it.</source>
      <translation>同店另一台终端已接手这项退款；本终端不会再为它发出任何请求。</translation>
    </message>
    <message>
      <source>Another terminal of the store took this void over; this terminal sends nothing more for it.</source>
      <translation>同店另一台终端已接手这项撤销；本终端不会再为它发出任何请求。</translation>
    </message>
  </context>
</TS>