<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_HK">
  <context>
    <name>Action</name>
    <message>
      <source>Reversal</source>
      <translation>撤銷付款</translation>
    </message>
    <message>
      <source>Close</source>
      <translation>關閉訂單</translation>
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
      <translation>退款這筆付款？</translation>
    </message>
    <message>
      <source>Refund %1 to the customer? A refund cannot be undone.</source>
      <translation>退款 %1 給顧客？退款後不能撤回。</translation>
    </message>
    <message>
      <source>Payment</source>
      <translation>付款</translation>
    </message>
    <message>
      <source>Wallet</source>
      <translation>錢包</translation>
    </message>
    <message>
      <source>QFPay number</source>
      <translation>QFPay 交易號</translation>
    </message>
    <message>
      <source>Order number</source>
      <translation>訂單號</translation>
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
      <translation>撤銷這筆失敗的付款？</translation>
    </message>
    <message>
      <source>Void this failed payment? The gateway says it failed; the void makes sure the customer is not charged later.</source>
      <translation>撤銷這筆失敗的付款？支付網關表示付款失敗；撤銷可確保顧客之後不會被扣款。</translation>
    </message>
    <message>
      <source>Close this order?</source>
      <translation>關閉這張訂單？</translation>
    </message>
    <message>
      <source>Close this unfinished order? The customer will not be able to pay it any more.</source>
      <translation>關閉這張未完成的訂單？顧客將無法再付款。</translation>
    </message>
    <message>
      <source>Reverse this payment?</source>
      <translation>撤銷這筆付款？</translation>
    </message>
    <message>
      <source>Reverse this unfinished payment? The customer will not be charged.</source>
      <translation>撤銷這筆未完成的付款？顧客不會被扣款。</translation>
    </message>
    <message>
      <source>Wallet</source>
      <translation>錢包</translation>
    </message>
    <message>
      <source>QFPay number</source>
      <translation>QFPay 交易號</translation>
    </message>
    <message>
      <source>Order number</source>
      <translation>訂單號</translation>
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
      <translation>憑證</translation>
    </message>
    <message>
      <source>Step 2 of 4: the app code and client key QFPay gave you. They are kept in the system's keyring only.</source>
      <translation>第 2 步（共 4 步）：輸入 QFPay 提供的 app code 和 client key，只會保存在系統的鑰匙圈中。</translation>
    </message>
    <message>
      <source>Next tests the connection first: it tells a wrong key from a network problem.</source>
      <translation>按「下一步」會先測試連線：它能分辨金鑰錯誤和網絡問題。</translation>
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
      <translation>商戶編號（mchid，可選）(&amp;M)</translation>
    </message>
    <message>
      <source>&amp;Test connection</source>
      <translation>測試連線(&amp;T)</translation>
    </message>
    <message>
      <source>Continue without a working connection: the credentials are saved untested, and voids fail until the gateway answers.</source>
      <translation>在連線未成功下繼續：憑證會在未經測試下儲存，網關回應之前撤銷都會失敗。</translation>
    </message>
    <message>
      <source>Checking the system's keyring…</source>
      <translation>正在檢查系統的鑰匙圈…</translation>
    </message>
    <message>
      <source>The system's keyring is ready to keep the credentials.</source>
      <translation>系統的鑰匙圈已可保存憑證。</translation>
    </message>
    <message>
      <source>Testing…</source>
      <translation>測試中…</translation>
    </message>
    <message>
      <source>Connected: the gateway accepted the credentials.</source>
      <translation>已連線：網關接受了憑證。</translation>
    </message>
    <message>
      <source>The gateway rejected the credentials: the app code or client key is wrong, or belongs to another environment or region.</source>
      <translation>網關拒絕了憑證：app code 或 client key 錯誤，或屬於其他環境或地區。</translation>
    </message>
    <message>
      <source>The gateway could not be reached: check the network. The credentials were not tested.</source>
      <translation>無法連接網關：請檢查網絡。憑證尚未測試。</translation>
    </message>
    <message>
      <source>The gateway answered unclearly; try again.</source>
      <translation>網關回覆不明確，請再試。</translation>
    </message>
    <message>
      <source>The connection could not be tested (%1); try again.</source>
      <translation>無法測試連線 (%1)；請再試。</translation>
    </message>
    <message>
      <source>Press Back, then Next, to check again.</source>
      <translation>按「返回」再按「下一個」可再次檢查。</translation>
    </message>
  </context>
  <context>
    <name>Details</name>
    <message>
      <source>Amount</source>
      <translation>金額</translation>
    </message>
    <message>
      <source>State</source>
      <translation>狀態</translation>
    </message>
    <message>
      <source>Action</source>
      <translation>操作</translation>
    </message>
    <message>
      <source>QFPay number</source>
      <translation>QFPay 交易號</translation>
    </message>
    <message>
      <source>Order number</source>
      <translation>訂單號</translation>
    </message>
    <message>
      <source>Void number</source>
      <translation>撤銷單號</translation>
    </message>
    <message>
      <source>Cashier</source>
      <translation>收銀員</translation>
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
      <translation>發送次數</translation>
    </message>
    <message>
      <source>Gateway code</source>
      <translation>網關代碼</translation>
    </message>
    <message>
      <source>Terminal</source>
      <translation>終端機</translation>
    </message>
    <message>
      <source>Started</source>
      <translation>開始時間</translation>
    </message>
    <message>
      <source>Last update</source>
      <translation>最後更新</translation>
    </message>
    <message>
      <source>Operation</source>
      <translation>操作編號</translation>
    </message>
    <message>
      <source>Events (requests, answers, approvals)</source>
      <translation>事件（請求、回覆、批准）</translation>
    </message>
    <message>
      <source>No event is recorded.</source>
      <translation>沒有記錄任何事件。</translation>
    </message>
    <message>
      <source>Refund number</source>
      <translation>退款交易號</translation>
    </message>
    <message>
      <source>Refund order number</source>
      <translation>退款單號</translation>
    </message>
    <message>
      <source>Amount paid</source>
      <translation>已付金額</translation>
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
      <translation>歡迎使用 posrev</translation>
    </message>
    <message>
      <source>Step 1 of 4: which QFPay gateway does this terminal use?</source>
      <translation>第 1 步（共 4 步）：這部終端機使用哪個 QFPay 網關？</translation>
    </message>
    <message>
      <source>posrev voids unfinished Alipay and WeChat Pay payments through QFPay. Your QFPay account manager tells you the environment and region.</source>
      <translation>posrev 透過 QFPay 撤銷未完成的支付寶及微信支付付款。環境和地區請向 QFPay 客戶經理查詢。</translation>
    </message>
    <message>
      <source>&amp;Environment</source>
      <translation>環境(&amp;E)</translation>
    </message>
    <message>
      <source>&amp;Region</source>
      <translation>地區(&amp;R)</translation>
    </message>
    <message>
      <source>Gateway &amp;URL (optional)</source>
      <translation>網關網址（可選）(&amp;U)</translation>
    </message>
    <message>
      <source>No credentials yet? Try posrev with a simulated gateway and demo orders.</source>
      <translation>還沒有憑證？可先用模擬網關和示範訂單試用 posrev。</translation>
    </message>
    <message>
      <source>Try &amp;demo mode</source>
      <translation>試用示範模式(&amp;D)</translation>
    </message>
    <message>
      <source>This gateway URL cannot be used. Check it, or leave it empty to use the environment and region chosen above.</source>
      <translation>這個網關網址不能使用。請檢查，或留空以使用上面選擇的環境和地區。</translation>
    </message>
  </context>
  <context>
    <name>FleetHook</name>
    <message>
      <source>Fleet: %1</source>
      <translation>分店網絡：%1</translation>
    </message>
    <message>
      <source>Fleet</source>
      <translation>分店網絡</translation>
    </message>
    <message>
      <source>Fleet: everything is shipped.</source>
      <translation>分店網絡：全部已上傳。</translation>
    </message>
    <message>
      <source>Fleet: %1 events waiting to be shipped.</source>
      <translation>分店網絡：%1 項記錄等待上傳。</translation>
    </message>
    <message>
      <source>Fleet: %1 events waiting; shipping them fails and is retried (the reason is in the tooltip). Voids are not affected.</source>
      <translation>分店網絡：%1 項記錄等待上傳；總部資料庫沒有回應，正在重試。撤銷不受影響。</translation>
    </message>
    <message>
      <source>Open the Fleet window (every terminal of the chain).</source>
      <translation>開啟分店網絡視窗（連鎖店的所有終端機）。</translation>
    </message>
  </context>
  <context>
    <name>FleetWindow</name>
    <message>
      <source>Fleet</source>
      <translation>分店網絡</translation>
    </message>
    <message>
      <source>Store:</source>
      <translation>分店：</translation>
    </message>
    <message>
      <source>Terminal:</source>
      <translation>終端機：</translation>
    </message>
    <message>
      <source>Refresh</source>
      <translation>重新整理</translation>
    </message>
    <message>
      <source>Voids and refunds (last %1 days)</source>
      <translation>撤銷及退款（最近 %1 日）</translation>
    </message>
    <message>
      <source>Open across the chain</source>
      <translation>全連鎖未完成</translation>
    </message>
    <message>
      <source>Take over on this terminal</source>
      <translation>由這部終端機接手</translation>
    </message>
    <message>
      <source>Close</source>
      <translation>關閉</translation>
    </message>
    <message>
      <source>Created</source>
      <translation>建立時間</translation>
    </message>
    <message>
      <source>Store</source>
      <translation>分店</translation>
    </message>
    <message>
      <source>Terminal</source>
      <translation>終端機</translation>
    </message>
    <message>
      <source>Outcome</source>
      <translation>結果</translation>
    </message>
    <message>
      <source>Action</source>
      <translation>操作</translation>
    </message>
    <message>
      <source>Amount</source>
      <translation>金額</translation>
    </message>
    <message>
      <source>QFPay number</source>
      <translation>QFPay 編號</translation>
    </message>
    <message>
      <source>Cashier</source>
      <translation>收銀員</translation>
    </message>
    <message>
      <source>Approver</source>
      <translation>批准主管</translation>
    </message>
    <message>
      <source>The fleet database is not configured.</source>
      <translation>未設定總部資料庫。</translation>
    </message>
    <message>
      <source>Loading…</source>
      <translation>載入中…</translation>
    </message>
    <message>
      <source>All stores</source>
      <translation>所有分店</translation>
    </message>
    <message>
      <source>All terminals</source>
      <translation>所有終端機</translation>
    </message>
    <message>
      <source>%1 operations in the last %2 days; %3 open.</source>
      <translation>最近 %2 日共 %1 項操作；%3 項未完成。</translation>
    </message>
    <message>
      <source>Taking it over and checking the payment…</source>
      <translation>正在接手並查詢付款…</translation>
    </message>
    <message>
      <source>Take over the void of %1 (%2) from terminal %3 on this terminal.</source>
      <translation>由這部終端機接手終端機 %3 對 %1（%2）的撤銷。</translation>
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
      <translation>記錄</translation>
    </message>
    <message>
      <source>Search: QFPay number, order number, void number or cashier</source>
      <translation>搜尋：QFPay 交易號、訂單號、撤銷單號或收銀員</translation>
    </message>
    <message>
      <source>From</source>
      <translation>由</translation>
    </message>
    <message>
      <source>All outcomes</source>
      <translation>所有結果</translation>
    </message>
    <message>
      <source>&amp;Export CSV…</source>
      <translation>匯出 CSV…(&amp;E)</translation>
    </message>
    <message>
      <source>&amp;Details…</source>
      <translation>詳情(&amp;D)…</translation>
    </message>
    <message>
      <source>Close</source>
      <translation>關閉</translation>
    </message>
    <message>
      <source>1 operation</source>
      <translation>共 1 項操作</translation>
    </message>
    <message>
      <source>The journal could not be read: %1</source>
      <translation>無法讀取記錄：%1</translation>
    </message>
    <message>
      <source>Loading…</source>
      <translation>載入中…</translation>
    </message>
    <message>
      <source>%1 operations</source>
      <translation>共 %1 項操作</translation>
    </message>
    <message>
      <source>Export the journal</source>
      <translation>匯出記錄</translation>
    </message>
    <message>
      <source>CSV files (*.csv)</source>
      <translation>CSV 檔案 (*.csv)</translation>
    </message>
    <message>
      <source>Exporting…</source>
      <translation>匯出中…</translation>
    </message>
    <message>
      <source>Exported 1 operation to %1</source>
      <translation>已將 1 項操作匯出至 %1</translation>
    </message>
    <message>
      <source>Exported %1 operations to %2</source>
      <translation>已匯出 %1 項操作至 %2</translation>
    </message>
    <message>
      <source>Export failed: %1</source>
      <translation>匯出失敗：%1</translation>
    </message>
  </context>
  <context>
    <name>MainWindow</name>
    <message>
      <source>Void a QR payment</source>
      <translation>撤銷二維碼付款</translation>
    </message>
    <message>
      <source>Terminal %1</source>
      <translation>終端機 %1</translation>
    </message>
    <message>
      <source>Scan or type the QFPay number or the order number, then press Enter.</source>
      <translation>掃描或輸入 QFPay 交易號或訂單號，然後按 Enter。</translation>
    </message>
    <message>
      <source>QFPay number or order number</source>
      <translation>QFPay 交易號或訂單號</translation>
    </message>
    <message>
      <source>Auto</source>
      <translation>自動</translation>
    </message>
    <message>
      <source>QFPay number</source>
      <translation>QFPay 交易號</translation>
    </message>
    <message>
      <source>Order number</source>
      <translation>訂單號</translation>
    </message>
    <message>
      <source>What the scanned number is</source>
      <translation>掃描的號碼類型</translation>
    </message>
    <message>
      <source>&amp;Look up</source>
      <translation>查詢(&amp;L)</translation>
    </message>
    <message>
      <source>&amp;Stop waiting</source>
      <translation>停止等待(&amp;S)</translation>
    </message>
    <message>
      <source>&amp;New lookup</source>
      <translation>新查詢(&amp;N)</translation>
    </message>
    <message>
      <source>&amp;Print slip</source>
      <translation>列印單據(&amp;P)</translation>
    </message>
    <message>
      <source>Void anyway (supervisor)</source>
      <translation>仍要撤銷（需主管）</translation>
    </message>
    <message>
      <source>Settings</source>
      <translation>設定</translation>
    </message>
    <message>
      <source>Several payments have this number. Choose one:</source>
      <translation>有多筆付款使用這個號碼，請選擇一筆：</translation>
    </message>
    <message>
      <source>Cashier %1</source>
      <translation>收銀員 %1</translation>
    </message>
    <message>
      <source>Change cashier</source>
      <translation>更換收銀員</translation>
    </message>
    <message>
      <source>No cashier signed in</source>
      <translation>未有收銀員登入</translation>
    </message>
    <message>
      <source>Sign in</source>
      <translation>登入</translation>
    </message>
    <message>
      <source>Gateway: not contacted yet</source>
      <translation>網關：尚未連線</translation>
    </message>
    <message>
      <source>Gateway: connected</source>
      <translation>網關：已連線</translation>
    </message>
    <message>
      <source>Gateway: unreachable</source>
      <translation>網關：無法連接</translation>
    </message>
    <message>
      <source>Gateway: not answering clearly</source>
      <translation>網關：回覆不明確</translation>
    </message>
    <message>
      <source>Gateway: credentials rejected</source>
      <translation>網關：憑證被拒</translation>
    </message>
    <message>
      <source>Journal</source>
      <translation>記錄</translation>
    </message>
    <message>
      <source>Starting…</source>
      <translation>啟動中…</translation>
    </message>
    <message>
      <source>posrev cannot start: %1</source>
      <translation>posrev 無法啟動：%1</translation>
    </message>
    <message>
      <source>Past voids, search and CSV export (F3)</source>
      <translation>過往撤銷、搜尋及匯出 CSV（F3）</translation>
    </message>
    <message>
      <source>Voids not confirmed yet (F2)</source>
      <translation>尚未確認的撤銷（F2）</translation>
    </message>
    <message>
      <source>Set up this terminal</source>
      <translation>設定這部終端機</translation>
    </message>
    <message>
      <source>Dismiss</source>
      <translation>關閉提示</translation>
    </message>
    <message>
      <source>Pending (%1)</source>
      <translation>待確認（%1）</translation>
    </message>
    <message>
      <source>Demo orders — choose one, or type its number above:</source>
      <translation>示範訂單 — 選擇一張，或在上方輸入其號碼：</translation>
    </message>
    <message>
      <source>unpaid, can be reversed</source>
      <translation>未付款，可撤銷</translation>
    </message>
    <message>
      <source>unpaid, can be closed</source>
      <translation>未付款，可關閉</translation>
    </message>
    <message>
      <source>unpaid WeChat Pay QR order</source>
      <translation>未付款的微信支付二維碼訂單</translation>
    </message>
    <message>
      <source>large amount: needs a supervisor</source>
      <translation>大額：需要主管批准</translation>
    </message>
    <message>
      <source>40 minutes old: needs a supervisor</source>
      <translation>已過 40 分鐘：需要主管批准</translation>
    </message>
    <message>
      <source>the gateway takes a while to confirm</source>
      <translation>網關需要一段時間確認</translation>
    </message>
    <message>
      <source>the customer pays just before the void</source>
      <translation>顧客在撤銷前一刻付款</translation>
    </message>
    <message>
      <source>the gateway's answer gets lost</source>
      <translation>網關的回覆遺失</translation>
    </message>
    <message>
      <source>already paid: refund instead</source>
      <translation>已付款：需改為退款</translation>
    </message>
    <message>
      <source>already voided</source>
      <translation>已撤銷</translation>
    </message>
    <message>
      <source>already refunded</source>
      <translation>已退款</translation>
    </message>
    <message>
      <source>a refund record</source>
      <translation>退款記錄</translation>
    </message>
    <message>
      <source>the payment failed</source>
      <translation>付款失敗</translation>
    </message>
    <message>
      <source>a wallet that cannot be voided here</source>
      <translation>不能在此撤銷的錢包</translation>
    </message>
    <message>
      <source>too old to void</source>
      <translation>太舊，無法撤銷</translation>
    </message>
    <message>
      <source>two payments with one order number</source>
      <translation>同一訂單號有兩筆付款</translation>
    </message>
    <message>
      <source>Starting… %1 will be looked up in a moment.</source>
      <translation>正在啟動… 稍後會查詢 %1。</translation>
    </message>
    <message>
      <source>Wait for the void to finish, or press Stop waiting, before looking up another payment.</source>
      <translation>請等待撤銷完成，或按「停止等待」，再查詢另一筆付款。</translation>
    </message>
    <message>
      <source>No payment found</source>
      <translation>找不到付款</translation>
    </message>
    <message>
      <source>Searched for %1</source>
      <translation>已搜尋 %1</translation>
    </message>
    <message>
      <source>Voiding… press Stop waiting to leave it to the background checks.</source>
      <translation>正在撤銷… 按「停止等待」可交由背景繼續查詢。</translation>
    </message>
    <message>
      <source>QFPay number %1</source>
      <translation>QFPay 交易號 %1</translation>
    </message>
    <message>
      <source>Order number %1</source>
      <translation>訂單號 %1</translation>
    </message>
    <message>
      <source>(supervisor)</source>
      <translation>（需主管）</translation>
    </message>
    <message>
      <source>Looking up…</source>
      <translation>查詢中…</translation>
    </message>
    <message>
      <source>%1 payments found.</source>
      <translation>找到 %1 筆付款。</translation>
    </message>
    <message>
      <source>Looked up %1.</source>
      <translation>已查詢 %1。</translation>
    </message>
    <message>
      <source>Press Enter or New lookup for the next payment.</source>
      <translation>按 Enter 或「新查詢」處理下一筆付款。</translation>
    </message>
    <message>
      <source>Sign in before voiding a payment.</source>
      <translation>撤銷付款前請先登入。</translation>
    </message>
    <message>
      <source>Ready.</source>
      <translation>就緒。</translation>
    </message>
    <message>
      <source>Not looked up: “%1”. %2</source>
      <translation>未有查詢：「%1」。%2</translation>
    </message>
    <message>
      <source>The gateway could not be reached; nothing was sent. Check the network cable or Wi-Fi, then try again.</source>
      <translation>無法連接網關，甚麼也沒有發送。請檢查網線或 Wi-Fi 後再試。</translation>
    </message>
    <message>
      <source>The gateway rejected this terminal's credentials. Call a supervisor or IT.</source>
      <translation>網關拒絕了本終端機的憑證。請聯絡主管或 IT。</translation>
    </message>
    <message>
      <source>The gateway is busy; try again in a minute.</source>
      <translation>網關繁忙，請一分鐘後再試。</translation>
    </message>
    <message>
      <source>The gateway did not answer clearly; try again.</source>
      <translation>網關回覆不明確，請再試。</translation>
    </message>
    <message>
      <source>No QFPay credentials are set on this terminal yet. Press “Set up this terminal”.</source>
      <translation>這部終端機尚未設定 QFPay 憑證。請按「設定這部終端機」。</translation>
    </message>
    <message>
      <source>That number cannot be looked up: %1</source>
      <translation>無法查詢這個號碼：%1</translation>
    </message>
    <message>
      <source>Something unexpected went wrong (%1). Try again; if it repeats, call IT.</source>
      <translation>發生意外錯誤（%1）。請再試；如再發生，請聯絡 IT。</translation>
    </message>
    <message>
      <source>%1 of %2 needs a supervisor: %3. The supervisor enters their ID and PIN here; they cannot be the signed-in cashier (%4).</source>
      <translation>%2 的%1需要主管批准：%3。請主管在此輸入編號和密碼；主管不能是已登入的收銀員（%4）。</translation>
    </message>
    <message>
      <source>No supervisor is set up on this terminal yet, so this cannot be approved. Press “Set up this terminal” to add the first one.</source>
      <translation>這部終端機尚未設定主管，所以無法批准。請按「設定這部終端機」加入第一位主管。</translation>
    </message>
    <message>
      <source>No supervisor is set up on this terminal yet. A supervisor (not the cashier) creates the first one now; adding more later needs a supervisor's approval.</source>
      <translation>本終端機尚未設定主管。請由主管（不是收銀員）現在建立第一位主管；日後新增主管需要主管批准。</translation>
    </message>
    <message>
      <source>Writing the void to the journal…</source>
      <translation>正在把撤銷寫入記錄…</translation>
    </message>
    <message>
      <source>Check %1</source>
      <translation>第 %1 次查詢</translation>
    </message>
    <message>
      <source>%1 elapsed</source>
      <translation>已過 %1</translation>
    </message>
    <message>
      <source>next check in %1 s</source>
      <translation>%1 秒後再查詢</translation>
    </message>
    <message>
      <source>checking now…</source>
      <translation>正在查詢…</translation>
    </message>
    <message>
      <source>stopping…</source>
      <translation>正在停止…</translation>
    </message>
    <message>
      <source>Void number %1</source>
      <translation>撤銷單號 %1</translation>
    </message>
    <message>
      <source>Approved by %1</source>
      <translation>由 %1 批准</translation>
    </message>
    <message>
      <source>order %1</source>
      <translation>訂單 %1</translation>
    </message>
    <message>
      <source>An earlier refund is now final: %1 (QFPay number %2): %3</source>
      <translation>先前的退款已有結果：%1（QFPay 交易號 %2）：%3</translation>
    </message>
    <message>
      <source>An earlier void is now final: %1 (QFPay number %2): %3</source>
      <translation>先前的撤銷已有結果：%1（QFPay 交易號 %2）：%3</translation>
    </message>
    <message>
      <source>That language is not available on this terminal.</source>
      <translation>本終端機沒有這種語言。</translation>
    </message>
    <message>
      <source>Slip saved to %1</source>
      <translation>單據已儲存至 %1</translation>
    </message>
    <message>
      <source>Reconnecting…</source>
      <translation>重新連線中…</translation>
    </message>
    <message>
      <source>posrev could not reconnect: %1 Close and start it again.</source>
      <translation>posrev 無法重新連線：%1 請關閉後重新開啟。</translation>
    </message>
    <message>
      <source>Refunding… press Stop waiting to leave it to the background checks.</source>
      <translation>退款中… 按「停止等待」交由背景繼續查詢。</translation>
    </message>
    <message>
      <source>Writing the refund to the journal…</source>
      <translation>正在把退款寫入日誌…</translation>
    </message>
    <message>
      <source>Refund number %1</source>
      <translation>退款交易號 %1</translation>
    </message>
    <message>
      <source>It keeps being checked in the background and stays in the pending list.</source>
      <translation>會繼續在背景查詢，並留在待處理清單中。</translation>
    </message>
    <message>
      <source>Wait for the refund to finish, or press Stop waiting, before looking up another payment.</source>
      <translation>請等退款完成，或按「停止等待」，再查詢另一筆付款。</translation>
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
      <translation>撤銷付款</translation>
    </message>
    <message>
      <source>close</source>
      <translation>關閉訂單</translation>
    </message>
    <message>
      <source>refund</source>
      <translation>退款</translation>
    </message>
    <message>
      <source>the amount is at or over the supervisor threshold</source>
      <translation>金額達到或超過主管批准門檻</translation>
    </message>
    <message>
      <source>the payment is older than the late-void limit</source>
      <translation>付款時間已超過逾時撤銷限制</translation>
    </message>
    <message>
      <source>an earlier void of this payment on this terminal did not succeed</source>
      <translation>本終端機之前撤銷這筆付款未成功</translation>
    </message>
    <message>
      <source>the void is forced on a payment that failed</source>
      <translation>對失敗的付款強制撤銷</translation>
    </message>
    <message>
      <source>No payment with this number was found.</source>
      <translation>找不到使用這個號碼的付款。</translation>
    </message>
    <message>
      <source>This is a refund record, not a payment; there is nothing to void.</source>
      <translation>這是退款記錄，不是付款；沒有可撤銷的交易。</translation>
    </message>
    <message>
      <source>This payment of %1 is already voided; the customer will not be charged.</source>
      <translation>這筆 %1 的付款已撤銷，顧客不會被扣款。</translation>
    </message>
    <message>
      <source>This payment of %1 was already refunded or finished; there is nothing to void.</source>
      <translation>這筆 %1 的付款已退款或已完成，沒有可撤銷的交易。</translation>
    </message>
    <message>
      <source>The customer has paid %1; it cannot be voided. Refund it instead (QFPay number %2).</source>
      <translation>顧客已付款 %1，不能撤銷。請改為退款（QFPay 交易號 %2）。</translation>
    </message>
    <message>
      <source>Pay type %1 cannot be voided here; contact QFPay support.</source>
      <translation>支付類型 %1 不能在此撤銷，請聯絡 QFPay 客服。</translation>
    </message>
    <message>
      <source>This payment is older than %1 hours and can no longer be voided here.</source>
      <translation>這筆付款已超過 %1 小時，不能再在此撤銷。</translation>
    </message>
    <message>
      <source>This payment failed (%1); the customer was not charged. A supervisor can force a void to be sure.</source>
      <translation>這筆付款失敗（%1），顧客沒有被扣款。主管可強制撤銷以策安全。</translation>
    </message>
    <message>
      <source>This unfinished payment of %1 can be reversed.</source>
      <translation>這筆未完成的 %1 付款可以撤銷。</translation>
    </message>
    <message>
      <source>This unfinished payment of %1 can be closed.</source>
      <translation>這筆未完成的 %1 付款可以關閉。</translation>
    </message>
    <message>
      <source>This failed payment of %1 can be reversed to be sure (forced).</source>
      <translation>這筆失敗的 %1 付款可強制撤銷付款以策安全。</translation>
    </message>
    <message>
      <source>This failed payment of %1 can be closed to be sure (forced).</source>
      <translation>這筆失敗的 %1 付款可強制關閉訂單以策安全。</translation>
    </message>
    <message>
      <source>%1 A supervisor must approve: %2.</source>
      <translation>%1需要主管批准：%2。</translation>
    </message>
    <message>
      <source>A supervisor must approve this void: %1.</source>
      <translation>這項撤銷需要主管批准：%1。</translation>
    </message>
    <message>
      <source>This is a refund record, not a payment; it cannot be refunded.</source>
      <translation>這是退款記錄，不是付款；不能退款。</translation>
    </message>
    <message>
      <source>This payment of %1 was voided; the customer was not charged, so there is nothing to refund.</source>
      <translation>這筆 %1 的付款已撤銷；顧客沒有被扣款，所以沒有可退的款項。</translation>
    </message>
    <message>
      <source>This payment of %1 is not paid (%2); there is nothing to refund.</source>
      <translation>這筆 %1 的付款未完成（%2）；沒有可退的款項。</translation>
    </message>
    <message>
      <source>Pay type %1 cannot be refunded through the gateway; refund the customer another way.</source>
      <translation>支付類型 %1 不能經網關退款；請以其他方式退款給顧客。</translation>
    </message>
    <message>
      <source>This pre-authorisation was finished; it cannot be refunded here.</source>
      <translation>這筆預授權已完成；不能在此退款。</translation>
    </message>
    <message>
      <source>This payment of %1 was already refunded in full.</source>
      <translation>這筆 %1 的付款已全額退款。</translation>
    </message>
    <message>
      <source>An earlier refund of this payment on this terminal is not resolved; a supervisor must resolve it first.</source>
      <translation>這部終端機較早為這筆付款所做的退款尚未解決；必須先由主管處理。</translation>
    </message>
    <message>
      <source>A refund of this payment is still being processed by the gateway; check again later.</source>
      <translation>網關仍在處理這筆付款的退款，請稍後再查。</translation>
    </message>
    <message>
      <source>The refunds of this payment could not all be read (too many records this month); refund it in the merchant portal.</source>
      <translation>未能讀取這筆付款的全部退款記錄（本月記錄太多），請在商戶後台退款。</translation>
    </message>
    <message>
      <source>This payment was partly refunded, but its refunds could not be found; refund it in the merchant portal.</source>
      <translation>這筆付款曾部分退款，但找不到退款記錄，請在商戶後台退款。</translation>
    </message>
    <message>
      <source>This payment is older than %1 days and can no longer be refunded here.</source>
      <translation>這筆付款已超過 %1 天，不能再在此退款。</translation>
    </message>
    <message>
      <source>%1 of this payment of %2 was already refunded; up to %3 can be refunded. A supervisor must approve.</source>
      <translation>這筆 %2 的付款已退 %1；最多可退 %3。需要主管批准。</translation>
    </message>
    <message>
      <source>This payment of %1 can be refunded. A supervisor must approve.</source>
      <translation>這筆 %1 的付款可以退款。需要主管批准。</translation>
    </message>
    <message>
      <source>This payment of %1 can be refunded (in full only, today). A supervisor must approve.</source>
      <translation>這筆 %1 的付款可以退款（今天只可全額退款）。需要主管批准。</translation>
    </message>
    <message>
      <source>Journaled; not sent yet.</source>
      <translation>已記錄；尚未發送。</translation>
    </message>
    <message>
      <source>Taken over from another terminal; checking the payment first.</source>
      <translation>已從另一部終端機接手；先查核這筆付款。</translation>
    </message>
    <message>
      <source>Taken over by terminal %1 (supervisor %2); this terminal sends nothing more for it.</source>
      <translation>已由終端機 %1 接手（主管 %2）；這部終端機不會再為它發出任何請求。</translation>
    </message>
    <message>
      <source>Resolved by %1: %2</source>
      <translation>由 %1 處理：%2</translation>
    </message>
    <message>
      <source>The last send's outcome is unknown; checking.</source>
      <translation>上一次發送的結果不明；正在查核。</translation>
    </message>
    <message>
      <source>Sending the %1 (send %2).</source>
      <translation>正在發送%1請求（第 %2 次發送）。</translation>
    </message>
    <message>
      <source>The gateway could not be reached; will check.</source>
      <translation>無法連接網關；稍後會再查核。</translation>
    </message>
    <message>
      <source>The gateway is busy (429); retrying in %1 s.</source>
      <translation>網關繁忙 (429)；%1 秒後重試。</translation>
    </message>
    <message>
      <source>The gateway is busy (429); will check again.</source>
      <translation>網關繁忙 (429)；稍後會再查核。</translation>
    </message>
    <message>
      <source>%1 Checking the payment.</source>
      <translation>%1 正在查核這筆付款。</translation>
    </message>
    <message>
      <source>Outcome unknown (%1); checking.</source>
      <translation>結果不明（%1）；正在查核。</translation>
    </message>
    <message>
      <source>Outcome unknown (the journal failed while the void was out); checking.</source>
      <translation>結果不明（請求發出期間記錄無法寫入）；正在查核。</translation>
    </message>
    <message>
      <source>The check could not get through (%1); IT must fix the connection. Will retry.</source>
      <translation>查核無法通過安全連線（%1）；必須由 IT 修正連線。稍後會重試。</translation>
    </message>
    <message>
      <source>The check did not get through (%1); will retry.</source>
      <translation>查核未能完成（%1）；稍後會重試。</translation>
    </message>
    <message>
      <source>Not confirmed after %1 sends; a supervisor must resolve it.</source>
      <translation>發送 %1 次後仍未確認；必須由主管處理。</translation>
    </message>
    <message>
      <source>Not confirmed after 24 hours; a supervisor must resolve it.</source>
      <translation>24 小時後仍未確認；必須由主管處理。</translation>
    </message>
    <message>
      <source>Failed: %1.</source>
      <translation>失敗：%1。</translation>
    </message>
    <message>
      <source>The gateway accepted the void; confirming.</source>
      <translation>網關已接受撤銷，正在確認。</translation>
    </message>
    <message>
      <source>The gateway is processing the void.</source>
      <translation>網關正在處理撤銷。</translation>
    </message>
    <message>
      <source>The gateway is still processing the void.</source>
      <translation>網關仍在處理撤銷。</translation>
    </message>
    <message>
      <source>The gateway answered %1; checking the payment.</source>
      <translation>網關回覆 %1；正在查核這筆付款。</translation>
    </message>
    <message>
      <source>Still unfinished; sending the void.</source>
      <translation>付款仍未完成；正在發送撤銷。</translation>
    </message>
    <message>
      <source>Still not voided; sending the same void again.</source>
      <translation>仍未撤銷；再次發送同一撤銷。</translation>
    </message>
    <message>
      <source>The payment was not found by the enquiry; will check again.</source>
      <translation>查詢找不到這筆付款；稍後會再查核。</translation>
    </message>
    <message>
      <source>Voided — the customer will not be charged.</source>
      <translation>已撤銷 — 顧客不會被扣款。</translation>
    </message>
    <message>
      <source>Voided — the payment failed (%1); the customer will not be charged.</source>
      <translation>已撤銷 — 這筆付款失敗（%1）；顧客不會被扣款。</translation>
    </message>
    <message>
      <source>Payment completed — the customer paid; refund it instead (QFPay number %1).</source>
      <translation>付款已完成 — 顧客已付款；請改為退款（QFPay 交易號 %1）。</translation>
    </message>
    <message>
      <source>The gateway refused the %1 (%2) and the payment is still unfinished; sending a %3 instead.</source>
      <translation>網關拒絕了%1（%2），而付款仍未完成；改為發送%3。</translation>
    </message>
    <message>
      <source>its HTTP method was refused</source>
      <translation>請求方式被拒絕</translation>
    </message>
    <message>
      <source>The gateway accepted the refund; confirming.</source>
      <translation>網關已接受退款，正在確認。</translation>
    </message>
    <message>
      <source>The gateway is processing the refund.</source>
      <translation>網關正在處理退款。</translation>
    </message>
    <message>
      <source>The gateway is still processing the refund.</source>
      <translation>網關仍在處理退款。</translation>
    </message>
    <message>
      <source>The gateway answered %1; checking whether the refund exists.</source>
      <translation>網關回覆 %1；正在查核退款是否存在。</translation>
    </message>
    <message>
      <source>No refund was made yet; sending the refund.</source>
      <translation>尚未退款，現在發送退款。</translation>
    </message>
    <message>
      <source>No refund was found; sending the same refund again (same refund number).</source>
      <translation>找不到退款，以同一退款單號再次發送同一退款。</translation>
    </message>
    <message>
      <source>The refund was not found by the enquiry yet; will check again.</source>
      <translation>查詢暫未找到退款，稍後再查。</translation>
    </message>
    <message>
      <source>The refund found under this refund number does not match; a supervisor must resolve it.</source>
      <translation>以這個退款編號找到的退款不相符；必須由主管處理。</translation>
    </message>
    <message>
      <source>Refunded — %1 goes back to the customer (QFPay refund number %2).</source>
      <translation>已退款 — %1 退回給顧客（QFPay 退款交易號 %2）。</translation>
    </message>
    <message>
      <source>the gateway is unreachable; nothing was sent</source>
      <translation>無法連接網關，甚麼也沒有發送</translation>
    </message>
    <message>
      <source>%1; nothing was sent</source>
      <translation>%1，甚麼也沒有發送</translation>
    </message>
    <message>
      <source>the journal could not be written because %1; nothing was sent</source>
      <translation>無法寫入記錄（%1），甚麼也沒有發送</translation>
    </message>
    <message>
      <source>the gateway rejected the credentials (1108); nothing was voided</source>
      <translation>網關拒絕了憑證 (1108)，甚麼也沒有撤銷</translation>
    </message>
    <message>
      <source>the gateway rejected the credentials (1108); nothing was refunded</source>
      <translation>網關拒絕了憑證 (1108)，沒有退款</translation>
    </message>
    <message>
      <source>the payment was already refunded; there was nothing to void</source>
      <translation>這筆付款已經退款，沒有可撤銷的</translation>
    </message>
    <message>
      <source>the gateway refused the %1's HTTP method</source>
      <translation>網關拒絕了%1的請求方式</translation>
    </message>
    <message>
      <source>the refund was refused (%1); nothing was refunded</source>
      <translation>退款被拒絕（%1），沒有退款</translation>
    </message>
    <message>
      <source>%1; nothing was refunded</source>
      <translation>%1，沒有退款</translation>
    </message>
    <message>
      <source>Nothing was scanned or typed.</source>
      <translation>未有掃描或輸入任何號碼。</translation>
    </message>
    <message>
      <source>QFPay numbers are digits only.</source>
      <translation>QFPay 交易號只可包含數字。</translation>
    </message>
    <message>
      <source>Too long: a QFPay number has at most %1 digits.</source>
      <translation>太長：QFPay 交易號最多 %1 位數字。</translation>
    </message>
    <message>
      <source>Order numbers can't contain spaces.</source>
      <translation>訂單號不可包含空格。</translation>
    </message>
    <message>
      <source>Order numbers can only have English letters, digits and keyboard symbols.</source>
      <translation>訂單號只可包含英文字母、數字及鍵盤符號。</translation>
    </message>
    <message>
      <source>Too long: at most %1 characters.</source>
      <translation>太長：最多 %1 個字元。</translation>
    </message>
    <message>
      <source>%1 (%2)</source>
      <translation>%1 (%2)</translation>
    </message>
    <message>
      <source>no response code</source>
      <translation>沒有回應碼</translation>
    </message>
    <message>
      <source>gateway code %1</source>
      <translation>網關代碼 %1</translation>
    </message>
    <message>
      <source>success</source>
      <translation>成功</translation>
    </message>
    <message>
      <source>the gateway is under maintenance</source>
      <translation>網關正在維護</translation>
    </message>
    <message>
      <source>reversal error</source>
      <translation>撤銷錯誤</translation>
    </message>
    <message>
      <source>duplicate request</source>
      <translation>重複請求</translation>
    </message>
    <message>
      <source>the request was badly formatted</source>
      <translation>請求格式錯誤</translation>
    </message>
    <message>
      <source>a request parameter was wrong</source>
      <translation>請求參數錯誤</translation>
    </message>
    <message>
      <source>the device is not activated</source>
      <translation>裝置未啟用</translation>
    </message>
    <message>
      <source>the device is not valid</source>
      <translation>裝置無效</translation>
    </message>
    <message>
      <source>the device is not allowed</source>
      <translation>裝置不獲准使用</translation>
    </message>
    <message>
      <source>the signature was wrong (check the app code and client key)</source>
      <translation>簽名錯誤（請檢查 app code 和 client key）</translation>
    </message>
    <message>
      <source>invalid transaction</source>
      <translation>無效交易</translation>
    </message>
    <message>
      <source>the order was already refunded</source>
      <translation>訂單已退款</translation>
    </message>
    <message>
      <source>the original transaction does not match</source>
      <translation>原交易不符</translation>
    </message>
    <message>
      <source>gateway database error</source>
      <translation>網關數據庫錯誤</translation>
    </message>
    <message>
      <source>payment channel error</source>
      <translation>支付渠道錯誤</translation>
    </message>
    <message>
      <source>the transaction does not exist or cannot be changed</source>
      <translation>交易不存在或不能更改</translation>
    </message>
    <message>
      <source>the order is already closed</source>
      <translation>訂單已關閉</translation>
    </message>
    <message>
      <source>the order is not paid yet (the customer may still be entering a password)</source>
      <translation>訂單尚未付款（顧客可能仍在輸入密碼）</translation>
    </message>
    <message>
      <source>processing, please wait</source>
      <translation>處理中，請稍候</translation>
    </message>
    <message>
      <source>WeChat Pay transaction error</source>
      <translation>微信支付交易錯誤</translation>
    </message>
    <message>
      <source>the merchant's T0 billing does not allow cancelling transactions</source>
      <translation>商戶的 T0 結算不允許取消交易</translation>
    </message>
    <message>
      <source>the gateway refused to revoke this transaction</source>
      <translation>網關拒絕撤回這筆交易</translation>
    </message>
    <message>
      <source>the result is unknown and must be queried</source>
      <translation>結果未知，需要查詢</translation>
    </message>
    <message>
      <source>the order has expired</source>
      <translation>訂單已過期</translation>
    </message>
    <message>
      <source>the customer's balance is insufficient</source>
      <translation>顧客餘額不足</translation>
    </message>
    <message>
      <source>the customer's payment code was wrong or expired</source>
      <translation>顧客的付款碼錯誤或已過期</translation>
    </message>
    <message>
      <source>merchant account error</source>
      <translation>商戶帳戶錯誤</translation>
    </message>
    <message>
      <source>bank error</source>
      <translation>銀行錯誤</translation>
    </message>
    <message>
      <source>the transaction failed; try later</source>
      <translation>交易失敗，請稍後再試</translation>
    </message>
    <message>
      <source>the store is missing or not in good standing</source>
      <translation>門店不存在或狀態異常</translation>
    </message>
    <message>
      <source>the store is misconfigured</source>
      <translation>門店設定錯誤</translation>
    </message>
    <message>
      <source>the store is disabled</source>
      <translation>門店已停用</translation>
    </message>
    <message>
      <source>this transaction is forbidden; contact QFPay</source>
      <translation>這筆交易被禁止，請聯絡 QFPay</translation>
    </message>
    <message>
      <source>the store is misconfigured (or a duplicate order number was used)</source>
      <translation>門店設定錯誤（或使用了重複的訂單號）</translation>
    </message>
    <message>
      <source>system error when placing the order</source>
      <translation>下單時系統錯誤</translation>
    </message>
    <message>
      <source>a problem occurred and is being resolved</source>
      <translation>發生問題，正在處理中</translation>
    </message>
    <message>
      <source>the order is already paid</source>
      <translation>訂單已付款</translation>
    </message>
    <message>
      <source>the order is not paid</source>
      <translation>訂單未付款</translation>
    </message>
    <message>
      <source>the order is already refunded</source>
      <translation>訂單已退款</translation>
    </message>
    <message>
      <source>the order is already cancelled</source>
      <translation>訂單已取消</translation>
    </message>
    <message>
      <source>this transaction cannot be refunded</source>
      <translation>這筆交易不能退款</translation>
    </message>
    <message>
      <source>the amount is wrong</source>
      <translation>金額錯誤</translation>
    </message>
    <message>
      <source>the order information does not match</source>
      <translation>訂單資料不符</translation>
    </message>
    <message>
      <source>the order does not exist</source>
      <translation>訂單不存在</translation>
    </message>
    <message>
      <source>today's unsettled amount is too low</source>
      <translation>今日未結算金額不足</translation>
    </message>
    <message>
      <source>this currency does not allow a partial refund</source>
      <translation>此貨幣不支援部分退款</translation>
    </message>
    <message>
      <source>this transaction does not allow a partial refund</source>
      <translation>此交易不支援部分退款</translation>
    </message>
    <message>
      <source>the refund is more than what is left to refund</source>
      <translation>退款金額超過可退金額</translation>
    </message>
    <message>
      <source>blocked by the bank as possibly non-compliant (do not retry)</source>
      <translation>銀行懷疑不合規而攔截（請勿重試）</translation>
    </message>
    <message>
      <source>the network is slow; waiting for a response</source>
      <translation>網絡緩慢，正在等待回覆</translation>
    </message>
    <message>
      <source>the network is slow; retry later</source>
      <translation>網絡緩慢，請稍後再試</translation>
    </message>
    <message>
      <source>the bank system is busy, or this order cannot be closed</source>
      <translation>銀行系統繁忙，或這張訂單不能關閉</translation>
    </message>
    <message>
      <source>the network is slow; if already paid do not pay again</source>
      <translation>網絡緩慢；如已付款請勿重複付款</translation>
    </message>
    <message>
      <source>the customer's code was wrong or expired</source>
      <translation>顧客的付款碼錯誤或已過期</translation>
    </message>
    <message>
      <source>the customer closed the transaction</source>
      <translation>顧客已關閉交易</translation>
    </message>
    <message>
      <source>payment channel connection failure</source>
      <translation>支付渠道連接失敗</translation>
    </message>
    <message>
      <source>duplicate transaction serial number</source>
      <translation>交易流水號重複</translation>
    </message>
    <message>
      <source>the payment channel is processing</source>
      <translation>支付渠道處理中</translation>
    </message>
    <message>
      <source>this channel refunds today's payments in full only</source>
      <translation>此渠道當日付款只可全額退款</translation>
    </message>
    <message>
      <source>the gateway refused the refund (another refund may still be processing, or this pay type cannot be refunded)</source>
      <translation>網關拒絕退款（可能另一筆退款仍在處理，或此付款方式不能退款）</translation>
    </message>
    <message>
      <source>this refund number was already used</source>
      <translation>此退款單號已被使用</translation>
    </message>
    <message>
      <source>the payment is not paid</source>
      <translation>付款尚未完成</translation>
    </message>
    <message>
      <source>the payment is already closed or fully refunded</source>
      <translation>付款已關閉或已全額退款</translation>
    </message>
    <message>
      <source>this payment cannot be refunded now (for example around midnight); try later</source>
      <translation>現在不能退款（例如午夜前後），請稍後再試</translation>
    </message>
    <message>
      <source>today's unsettled takings are too low to cover the refund; try later</source>
      <translation>今日未結算收入不足以支付退款，請稍後再試</translation>
    </message>
    <message>
      <source>A supervisor already exists; adding another needs the approval of an existing supervisor.</source>
      <translation>已有主管；新增主管需要現有主管批准。</translation>
    </message>
    <message>
      <source>A supervisor with ID %1 already exists.</source>
      <translation>編號為 %1 的主管已存在。</translation>
    </message>
    <message>
      <source>There is no supervisor with ID %1.</source>
      <translation>沒有編號為 %1 的主管。</translation>
    </message>
    <message>
      <source>A supervisor cannot approve a change to their own account.</source>
      <translation>主管不能批准對自己帳戶的更改。</translation>
    </message>
    <message>
      <source>A supervisor cannot approve their own request.</source>
      <translation>主管不能批准自己的請求。</translation>
    </message>
    <message>
      <source>Supervisor %1 is disabled.</source>
      <translation>主管 %1 已停用。</translation>
    </message>
    <message>
      <source>Supervisor %1 is locked after %2 wrong PINs until %3.</source>
      <translation>主管 %1 因 %2 次 PIN 錯誤已被鎖定，直至 %3。</translation>
    </message>
    <message>
      <source>Wrong PIN. Supervisor %1 is locked after %2 wrong PINs until %3.</source>
      <translation>PIN 錯誤。主管 %1 因 %2 次 PIN 錯誤已被鎖定，直至 %3。</translation>
    </message>
    <message>
      <source>%1, but the journal could not record it because %2; the outcome will be checked %3 ('posrev pending --resume').</source>
      <translation>%1，但記錄無法寫入（%2）；結果會在%3查核（'posrev pending --resume'）。</translation>
    </message>
    <message>
      <source>An earlier send of this %1 may have reached the gateway, and the journal could not be written because %2; the outcome will be checked %3 ('posrev pending --resume').</source>
      <translation>這項%1較早的一次發送可能已到達網關，而記錄無法寫入（%2）；結果會在%3查核（'posrev pending --resume'）。</translation>
    </message>
    <message>
      <source>Nothing was sent, because the journal could not be written (%1). The %2 stays pending in the journal: 'posrev pending --resume' will send it %3.</source>
      <translation>記錄無法寫入（%1），所以甚麼也沒有發送。這項%2仍在記錄中待處理：'posrev pending --resume' 會在%3發送。</translation>
    </message>
    <message>
      <source>The gateway answered the void (%1)</source>
      <translation>網關已回覆撤銷請求（%1）</translation>
    </message>
    <message>
      <source>The gateway answered the refund (%1)</source>
      <translation>網關已回覆退款請求（%1）</translation>
    </message>
    <message>
      <source>Nothing was sent (%1)</source>
      <translation>甚麼也沒有發送（%1）</translation>
    </message>
    <message>
      <source>The %1 may have reached the gateway</source>
      <translation>這項%1可能已到達網關</translation>
    </message>
    <message>
      <source>Nothing has been sent for this %1 yet</source>
      <translation>這項%1尚未發送任何請求</translation>
    </message>
    <message>
      <source>void</source>
      <translation>撤銷</translation>
    </message>
    <message>
      <source>the journal file was deleted or replaced (what this process held was saved and its unfinished voids carried over)</source>
      <translation>記錄檔被刪除或取代（這個程式持有的內容已保存，未完成的撤銷已轉移）</translation>
    </message>
    <message>
      <source>when the disk has room</source>
      <translation>磁碟有空間時</translation>
    </message>
    <message>
      <source>once the journal can be written again</source>
      <translation>記錄可再寫入時</translation>
    </message>
    <message>
      <source>from the journal now in place</source>
      <translation>現用的記錄檔中</translation>
    </message>
    <message>
      <source>the disk is full</source>
      <translation>磁碟已滿</translation>
    </message>
    <message>
      <source>its folder is read-only</source>
      <translation>所在資料夾是唯讀的</translation>
    </message>
    <message>
      <source>another program is holding it locked</source>
      <translation>另一個程式正鎖住它</translation>
    </message>
    <message>
      <source>it is read-only</source>
      <translation>它是唯讀的</translation>
    </message>
    <message>
      <source>permission is denied</source>
      <translation>沒有存取權限</translation>
    </message>
    <message>
      <source>the disk reported an error (%1)</source>
      <translation>磁碟報告錯誤（%1）</translation>
    </message>
    <message>
      <source>the journal file is damaged (it is checked again, and set aside if need be, at the next start)</source>
      <translation>記錄檔已損壞（下次啟動時會再檢查，如有需要會移到一旁）</translation>
    </message>
    <message>
      <source>Free some space on the disk, then try again.</source>
      <translation>請騰出磁碟空間，然後再試。</translation>
    </message>
    <message>
      <source>Make the folder writable for this user, then try again.</source>
      <translation>請讓這個使用者可寫入該資料夾，然後再試。</translation>
    </message>
    <message>
      <source>Make the file writable for this user, then try again.</source>
      <translation>請讓這個使用者可寫入該檔案，然後再試。</translation>
    </message>
    <message>
      <source>Give this user access to the file and its folder, then try again.</source>
      <translation>請讓這個使用者可存取該檔案及其資料夾，然後再試。</translation>
    </message>
    <message>
      <source>Close the other program (another posrev, a backup or an antivirus scan), then try again.</source>
      <translation>請關閉另一個程式（另一個 posrev、備份或防毒掃描），然後再試。</translation>
    </message>
    <message>
      <source>Check the disk, then try again.</source>
      <translation>請檢查磁碟，然後再試。</translation>
    </message>
    <message>
      <source>Supervisor %1 is already disabled.</source>
      <translation>主管 %1 已經停用。</translation>
    </message>
    <message>
      <source>Wrong PIN for supervisor %1; %2 more wrong PINs lock it for %3 minutes.</source>
      <translation>主管 %1 的 PIN 錯誤；再錯 %2 次便會鎖定 %3 分鐘。</translation>
    </message>
    <message>
      <source>Wrong PIN for supervisor %1; %2 more wrong PIN locks it for %3 minutes.</source>
      <translation>主管 %1 的 PIN 錯誤；再錯 %2 次便會鎖定 %3 分鐘。</translation>
    </message>
    <message>
      <source>An approval must name the requester, the action and what it applies to.</source>
      <translation>批准必須註明申請人、操作及適用的對象。</translation>
    </message>
    <message>
      <source>A reason is required for a supervisor approval.</source>
      <translation>主管批准必須有原因。</translation>
    </message>
    <message>
      <source>This supervisor approval is not known on this terminal.</source>
      <translation>這部終端機沒有這次主管批准的記錄。</translation>
    </message>
    <message>
      <source>This supervisor approval has already been used; ask again.</source>
      <translation>這次主管批准已經用過；請重新申請。</translation>
    </message>
    <message>
      <source>This supervisor approval was given on another terminal.</source>
      <translation>這次主管批准是在另一部終端機上給予的。</translation>
    </message>
    <message>
      <source>This supervisor approval does not match the one recorded.</source>
      <translation>這次主管批准與記錄不符。</translation>
    </message>
    <message>
      <source>This supervisor approval was given for %1 on %2 requested by %3, not for %4 on %5 requested by %6.</source>
      <translation>這次主管批准是給 %3 申請的%1（%2），不是給 %6 申請的%4（%5）。</translation>
    </message>
    <message>
      <source>This supervisor approval has expired (approvals are valid for %1 minutes); ask again.</source>
      <translation>這次主管批准已過期（批准的有效時間為 %1 分鐘）；請重新申請。</translation>
    </message>
    <message>
      <source>Supervisor %1 has been disabled since giving this approval.</source>
      <translation>主管 %1 在給予這次批准後已被停用。</translation>
    </message>
    <message>
      <source>The gateway could not be reached (%1); nothing was sent.</source>
      <translation>無法連接網關（%1），甚麼也沒有發送。</translation>
    </message>
    <message>
      <source>The secure connection to the gateway failed: %1; nothing was sent.</source>
      <translation>與網關的安全連線失敗：%1，甚麼也沒有發送。</translation>
    </message>
    <message>
      <source>The gateway's answer was lost or unreadable (%1).</source>
      <translation>網關的回覆遺失或無法讀取（%1）。</translation>
    </message>
    <message>
      <source>The gateway refused the close sent by %1 (%2); nothing was voided. Set close_method to "auto" (docs/IT-GUIDE.md).</source>
      <translation>網關拒絕了以 %1 發送的關閉訂單請求（%2），沒有撤銷任何款項。請把 close_method 設為 "auto"（docs/IT-GUIDE.md）。</translation>
    </message>
    <message>
      <source>The gateway refused the close sent by %1 and %2 (%3); nothing was voided. This gateway takes neither method for a close; ask QFPay.</source>
      <translation>網關拒絕了以 %1 及 %2 發送的關閉訂單請求（%3），沒有撤銷任何款項。這個網關兩種方法都不接受；請聯絡 QFPay。</translation>
    </message>
    <message>
      <source>The gateway is rate limiting this merchant (HTTP 429).</source>
      <translation>網關正在限制這個商戶的請求次數（HTTP 429）。</translation>
    </message>
    <message>
      <source>The gateway is rate limiting this merchant (HTTP 429); retry after %1 s.</source>
      <translation>網關正在限制這個商戶的請求次數（HTTP 429）；請在 %1 秒後重試。</translation>
    </message>
    <message>
      <source>The gateway rejected the signature (1108): the app code or client key is wrong for this environment.</source>
      <translation>網關拒絕了簽名（1108）：App code 或 Client key 與這個環境不符。</translation>
    </message>
    <message>
      <source>The gateway refused the request: %1</source>
      <translation>網關拒絕了請求：%1</translation>
    </message>
    <message>
      <source>The gateway refused the request: %1: %2</source>
      <translation>網關拒絕了請求：%1：%2</translation>
    </message>
    <message>
      <source>The secure connection to the gateway failed: %1; the credentials were not tested.</source>
      <translation>與網關的安全連線失敗：%1；憑證未經測試。</translation>
    </message>
    <message>
      <source>connection timed out</source>
      <translation>連線逾時</translation>
    </message>
    <message>
      <source>no answer within %1 s</source>
      <translation>%1 秒內沒有回覆</translation>
    </message>
    <message>
      <source>the connection dropped after the request was sent</source>
      <translation>請求發出後連線中斷</translation>
    </message>
    <message>
      <source>%1</source>
      <translation>%1</translation>
    </message>
    <message>
      <source>the proxy asked for credentials (HTTP 407); store them with 'posrev credentials set-proxy'</source>
      <translation>代理伺服器要求登入資料（HTTP 407）；請用 'posrev credentials set-proxy' 儲存</translation>
    </message>
    <message>
      <source>the proxy refused the connection (HTTP %1)</source>
      <translation>代理伺服器拒絕連線（HTTP %1）</translation>
    </message>
    <message>
      <source>the proxy could not be reached (%1)</source>
      <translation>無法連接代理伺服器（%1）</translation>
    </message>
    <message>
      <source>connection refused</source>
      <translation>連線被拒</translation>
    </message>
    <message>
      <source>name or service not known</source>
      <translation>找不到主機名稱</translation>
    </message>
    <message>
      <source>no route to host</source>
      <translation>沒有通往主機的路由</translation>
    </message>
    <message>
      <source>network is unreachable</source>
      <translation>網絡無法連接</translation>
    </message>
    <message>
      <source>timed out</source>
      <translation>逾時</translation>
    </message>
    <message>
      <source>connection failed</source>
      <translation>連線失敗</translation>
    </message>
    <message>
      <source>HTTP %1 from the gateway</source>
      <translation>網關回覆 HTTP %1</translation>
    </message>
    <message>
      <source>unexpected HTTP %1 from the gateway</source>
      <translation>網關回覆了預期以外的 HTTP %1</translation>
    </message>
    <message>
      <source>the answer is not JSON</source>
      <translation>回覆不是 JSON</translation>
    </message>
    <message>
      <source>the answer is not a JSON object</source>
      <translation>回覆不是 JSON 物件</translation>
    </message>
    <message>
      <source>the answer has no respcd</source>
      <translation>回覆沒有 respcd</translation>
    </message>
    <message>
      <source>the enquiry answer has no list of records</source>
      <translation>查詢回覆沒有記錄清單</translation>
    </message>
    <message>
      <source>a transaction record is malformed: %1</source>
      <translation>一筆交易記錄格式錯誤：%1</translation>
    </message>
    <message>
      <source>the answer's signature is wrong</source>
      <translation>回覆的簽名不正確</translation>
    </message>
    <message>
      <source>the answer is unsigned, but this gateway signs its answers</source>
      <translation>回覆沒有簽名，但這個網關一向為回覆簽名</translation>
    </message>
    <message>
      <source>the gateway's certificate has expired (or this PC's clock is wrong)</source>
      <translation>網關的證書已過期（或這部電腦的時鐘不正確）</translation>
    </message>
    <message>
      <source>the gateway's certificate is not valid yet (or this PC's clock is wrong)</source>
      <translation>網關的證書尚未生效（或這部電腦的時鐘不正確）</translation>
    </message>
    <message>
      <source>the gateway's certificate is for another host name than the one in base_url</source>
      <translation>網關的證書屬於 base_url 以外的另一個主機名稱</translation>
    </message>
    <message>
      <source>the gateway's certificate is not trusted by this PC (a TLS-inspecting proxy needs its CA in ca_bundle)</source>
      <translation>這部電腦不信任網關的證書（檢查 TLS 的代理伺服器須把其 CA 加入 ca_bundle）</translation>
    </message>
    <message>
      <source>the gateway did not speak TLS (is base_url https to a plain http port?)</source>
      <translation>網關沒有使用 TLS（base_url 是否以 https 指向普通 http 連接埠？）</translation>
    </message>
    <message>
      <source>the TLS handshake was refused (%1)</source>
      <translation>TLS 握手被拒（%1）</translation>
    </message>
    <message>
      <source>The journal %1 cannot be created because %2. %3</source>
      <translation>無法建立記錄檔 %1，因為%2。%3</translation>
    </message>
    <message>
      <source>The journal %1 cannot be opened because %2; it was left untouched. %3</source>
      <translation>無法開啟記錄檔 %1，因為%2；檔案未被改動。%3</translation>
    </message>
    <message>
      <source>The damaged journal was moved aside to %1, but a new one cannot be started at %2 because %3.</source>
      <translation>已損壞的記錄檔已移到 %1，但無法在 %2 建立新的記錄檔，因為%3。</translation>
    </message>
    <message>
      <source>The journal %1 was written by a newer posrev (schema %2); upgrade posrev.</source>
      <translation>記錄檔 %1 由較新版本的 posrev 寫入（schema %2）；請升級 posrev。</translation>
    </message>
    <message>
      <source>The supervisor file %1 cannot be opened because %2; it was left untouched. Fix that and try again.</source>
      <translation>無法開啟主管檔案 %1，因為%2；檔案未被改動。請先解決問題，然後再試。</translation>
    </message>
    <message>
      <source>The supervisor file %1 cannot be used: it is damaged (%2); it is left as it is for IT to inspect or restore from backup.</source>
      <translation>主管檔案 %1 已損壞，無法使用（%2）；檔案保持原狀，由 IT 檢查或從備份還原。</translation>
    </message>
    <message>
      <source>The supervisor file %1 was written by a newer posrev (schema %2); upgrade posrev on this terminal.</source>
      <translation>主管檔案 %1 由較新版本的 posrev 寫入（schema %2）；請升級這部終端機的 posrev。</translation>
    </message>
    <message>
      <source>The supervisor file %1 could not be updated (%2).</source>
      <translation>無法更新主管檔案 %1（%2）。</translation>
    </message>
    <message>
      <source>nodename nor servname</source>
      <translation>找不到主機名稱</translation>
    </message>
    <message>
      <source>getaddrinfo failed</source>
      <translation>找不到主機名稱</translation>
    </message>
    <message>
      <source>actively refused</source>
      <translation>連線被拒</translation>
    </message>
    <message>
      <source>void_forced</source>
      <translation>強制撤銷</translation>
    </message>
    <message>
      <source>resolve_manual</source>
      <translation>人手處理待確認項目</translation>
    </message>
    <message>
      <source>settings</source>
      <translation>更改設定</translation>
    </message>
    <message>
      <source>credentials</source>
      <translation>更改憑證</translation>
    </message>
    <message>
      <source>add_supervisor</source>
      <translation>新增主管</translation>
    </message>
    <message>
      <source>disable_supervisor</source>
      <translation>停用主管</translation>
    </message>
    <message>
      <source>reset_supervisor</source>
      <translation>重設主管 PIN</translation>
    </message>
    <message>
      <source>fleet_view</source>
      <translation>查看分店網絡</translation>
    </message>
    <message>
      <source>fleet_takeover</source>
      <translation>接手其他終端機的操作</translation>
    </message>
    <message>
      <source>The journal folder %1 cannot be created because %2. %3</source>
      <translation>無法建立記錄檔資料夾 %1，因為%2。%3</translation>
    </message>
    <message>
      <source>The supervisor file %1 cannot be opened because %2. %3</source>
      <translation>無法開啟主管檔案 %1，因為%2。%3</translation>
    </message>
    <message>
      <source>The journal was damaged and was moved aside to %1; a new one was started. %2 unfinished void(s) were read from it and %3 carried over: %4. %5</source>
      <translation>記錄檔已損壞，已移到 %1，並已建立新的記錄檔。從中讀到 %2 項未完成的撤銷，其中 %3 項已轉到新記錄檔：%4。%5</translation>
    </message>
    <message>
      <source>The journal was damaged and was moved aside to %1; a new one was started. No unfinished void could be read from it. %2</source>
      <translation>記錄檔已損壞，已移到 %1，並已建立新的記錄檔。未能從中讀到任何未完成的撤銷。%2</translation>
    </message>
    <message>
      <source>Keep that file for IT.</source>
      <translation>請為 IT 保留該檔案。</translation>
    </message>
    <message>
      <source>Part of it could not be read: check the gateway's records of the last voids, and keep that file for IT.</source>
      <translation>部分內容無法讀取：請核對網關上最近幾筆撤銷的記錄，並為 IT 保留該檔案。</translation>
    </message>
    <message>
      <source>The journal %1 was deleted or replaced while posrev was using it%2%3.</source>
      <translation>posrev 使用中的記錄檔 %1 被刪除或取代%2%3。</translation>
    </message>
    <message>
      <source>; what this process still held was saved to %1</source>
      <translation>；本程式仍持有的內容已儲存到 %1</translation>
    </message>
    <message>
      <source> and its %1 unfinished operation(s) were carried over to a new journal</source>
      <translation>，其中 %1 項未完成的操作已轉到新的記錄檔</translation>
    </message>
    <message>
      <source>The journal has a damaged page; it will be set aside, with its unfinished voids carried over, when posrev next starts. Restart posrev when no void is in progress, and tell IT.</source>
      <translation>記錄檔有一頁已損壞；posrev 下次啟動時會把它移到一旁，並把未完成的撤銷轉到新記錄檔。請在沒有進行中的撤銷時重新啟動 posrev，並通知 IT。</translation>
    </message>
    <message>
      <source>a file stands where its folder should be</source>
      <translation>資料夾的位置上有一個檔案</translation>
    </message>
    <message>
      <source>Move that file away (or tell IT), then try again.</source>
      <translation>請移走該檔案（或通知 IT），然後再試。</translation>
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
      <translation>主管編號</translation>
    </message>
    <message>
      <source>Name</source>
      <translation>姓名</translation>
    </message>
    <message>
      <source>PIN (6 to 12 digits)</source>
      <translation>密碼（6 至 12 位數字）</translation>
    </message>
    <message>
      <source>PIN again</source>
      <translation>再次輸入密碼</translation>
    </message>
    <message>
      <source>Add</source>
      <translation>新增</translation>
    </message>
    <message>
      <source>Fill in every field.</source>
      <translation>請填寫所有欄位。</translation>
    </message>
    <message>
      <source>The two PINs are not the same.</source>
      <translation>兩次輸入的密碼不一致。</translation>
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
      <translation>載入中…</translation>
    </message>
    <message>
      <source>Close</source>
      <translation>關閉</translation>
    </message>
  </context>
  <context>
    <name>Operations</name>
    <message>
      <source>Started</source>
      <translation>開始時間</translation>
    </message>
    <message>
      <source>Amount</source>
      <translation>金額</translation>
    </message>
    <message>
      <source>QFPay number</source>
      <translation>QFPay 交易號</translation>
    </message>
    <message>
      <source>Order number</source>
      <translation>訂單號</translation>
    </message>
    <message>
      <source>Action</source>
      <translation>操作</translation>
    </message>
    <message>
      <source>State</source>
      <translation>狀態</translation>
    </message>
    <message>
      <source>Cashier</source>
      <translation>收銀員</translation>
    </message>
  </context>
  <context>
    <name>Outcome</name>
    <message>
      <source>Voided</source>
      <translation>已撤銷</translation>
    </message>
    <message>
      <source>Refund required</source>
      <translation>需要退款</translation>
    </message>
    <message>
      <source>Failed</source>
      <translation>失敗</translation>
    </message>
    <message>
      <source>Needs a supervisor</source>
      <translation>需要主管處理</translation>
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
      <translation>已由另一部終端機接手</translation>
    </message>
  </context>
  <context>
    <name>PayType</name>
    <message>
      <source>QR scan (WeChat Pay, Alipay, UnionPay, PayMe)</source>
      <translation>掃碼付款（微信支付、支付寶、銀聯、PayMe）</translation>
    </message>
    <message>
      <source>Alipay, store QR code</source>
      <translation>支付寶，商戶二維碼</translation>
    </message>
    <message>
      <source>Alipay, customer's code scanned</source>
      <translation>支付寶，掃顧客付款碼</translation>
    </message>
    <message>
      <source>Alipay HK, store QR code</source>
      <translation>支付寶香港，商戶二維碼</translation>
    </message>
    <message>
      <source>Alipay HK, in-app</source>
      <translation>支付寶香港，應用內</translation>
    </message>
    <message>
      <source>Alipay HK, online</source>
      <translation>支付寶香港，網上</translation>
    </message>
    <message>
      <source>WeChat Pay, store QR code</source>
      <translation>微信支付，商戶二維碼</translation>
    </message>
    <message>
      <source>WeChat Pay, customer's code scanned</source>
      <translation>微信支付，掃顧客付款碼</translation>
    </message>
    <message>
      <source>WeChat Pay, mobile web</source>
      <translation>微信支付，手機網頁</translation>
    </message>
    <message>
      <source>WeChat Pay HK, customer's code scanned</source>
      <translation>微信支付香港，掃顧客付款碼</translation>
    </message>
    <message>
      <source>PayMe, store QR code</source>
      <translation>PayMe，商戶二維碼</translation>
    </message>
    <message>
      <source>PayMe, customer's code scanned</source>
      <translation>PayMe，掃顧客付款碼</translation>
    </message>
    <message>
      <source>UnionPay QuickPass, store QR code</source>
      <translation>銀聯雲閃付，商戶二維碼</translation>
    </message>
    <message>
      <source>UnionPay QuickPass, customer's code scanned</source>
      <translation>銀聯雲閃付，掃顧客付款碼</translation>
    </message>
    <message>
      <source>FPS, store QR code</source>
      <translation>轉數快，商戶二維碼</translation>
    </message>
    <message>
      <source>Octopus, store QR code</source>
      <translation>八達通，商戶二維碼</translation>
    </message>
  </context>
  <context>
    <name>PendingWindow</name>
    <message>
      <source>Voids and refunds not confirmed yet</source>
      <translation>尚未確認的撤銷及退款</translation>
    </message>
    <message>
      <source>Voids and refunds that are not confirmed yet. posrev keeps checking them in the background; Re-check asks the gateway now. One that needs a supervisor is resolved with a note.</source>
      <translation>尚未確認的撤銷及退款。posrev 會在背景繼續核實；「立即重新查詢」會馬上向網關查詢。需要主管處理的項目，由主管附註說明後處理。</translation>
    </message>
    <message>
      <source>Resolve (supervisor)…</source>
      <translation>處理（需主管）…</translation>
    </message>
    <message>
      <source>&amp;Details…</source>
      <translation>詳情(&amp;D)…</translation>
    </message>
    <message>
      <source>Close</source>
      <translation>關閉</translation>
    </message>
    <message>
      <source>Nothing is pending.</source>
      <translation>沒有待確認的撤銷。</translation>
    </message>
    <message>
      <source>Stop checking</source>
      <translation>停止查詢</translation>
    </message>
    <message>
      <source>&amp;Re-check now</source>
      <translation>立即重新查詢(&amp;R)</translation>
    </message>
    <message>
      <source>Checking %1…</source>
      <translation>正在查詢 %1…</translation>
    </message>
    <message>
      <source>Resolve the void of %1 (QFPay number %2) as "%3". A supervisor approves with their ID and PIN.</source>
      <translation>把 %1（QFPay 交易號 %2）的撤銷處理為「%3」。請主管以編號和密碼批准。</translation>
    </message>
    <message>
      <source>Resolved: %1</source>
      <translation>已處理：%1</translation>
    </message>
    <message>
      <source>Resolve the refund of %1 (QFPay number %2) as "%3". A supervisor approves with their ID and PIN.</source>
      <translation>將 %1 的退款（QFPay 交易號 %2）處理為「%3」。主管以編號及密碼批准。</translation>
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
      <translation>刪除最後一位</translation>
    </message>
  </context>
  <context>
    <name>ReasonInput</name>
    <message>
      <source>Choose or type a reason</source>
      <translation>選擇或輸入原因</translation>
    </message>
  </context>
  <context>
    <name>Reasons</name>
    <message>
      <source>Customer left without paying</source>
      <translation>顧客未付款便離開</translation>
    </message>
    <message>
      <source>Customer chose another payment method</source>
      <translation>顧客改用其他付款方式</translation>
    </message>
    <message>
      <source>Wrong amount entered</source>
      <translation>輸入了錯誤金額</translation>
    </message>
    <message>
      <source>Duplicate order</source>
      <translation>重複訂單</translation>
    </message>
    <message>
      <source>Terminal or network fault</source>
      <translation>終端機或網絡故障</translation>
    </message>
    <message>
      <source>Other</source>
      <translation>其他</translation>
    </message>
    <message>
      <source>New or changed QFPay credentials</source>
      <translation>新的或更改的 QFPay 憑證</translation>
    </message>
    <message>
      <source>Gateway or environment change</source>
      <translation>更改網關或環境</translation>
    </message>
    <message>
      <source>Terminal ID change</source>
      <translation>更改終端機編號</translation>
    </message>
    <message>
      <source>Language change</source>
      <translation>更改語言</translation>
    </message>
    <message>
      <source>New supervisor</source>
      <translation>新增主管</translation>
    </message>
    <message>
      <source>Customer paid before the void went through</source>
      <translation>撤銷完成前顧客已付款</translation>
    </message>
    <message>
      <source>Goods returned</source>
      <translation>顧客退貨</translation>
    </message>
    <message>
      <source>Customer was charged twice</source>
      <translation>顧客被重複收費</translation>
    </message>
    <message>
      <source>Wrong amount charged</source>
      <translation>收錯金額</translation>
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
      <translation>退款：可退 %1，今日只可全額退款，需主管批准。</translation>
    </message>
    <message>
      <source>Refund: %1 was already refunded; up to %2 can still be refunded; a supervisor approves.</source>
      <translation>退款：已退 %1，最多仍可退 %2，需主管批准。</translation>
    </message>
    <message>
      <source>This payment is too old to be refunded here.</source>
      <translation>這筆付款太舊，不能在此退款。</translation>
    </message>
    <message>
      <source>This payment was already refunded in full.</source>
      <translation>這筆付款已全額退款。</translation>
    </message>
    <message>
      <source>An earlier refund of this payment is not resolved; a supervisor must resolve it first (pending list).</source>
      <translation>這筆付款較早的退款尚未解決，主管須先在待處理清單中處理。</translation>
    </message>
    <message>
      <source>This pay type cannot be refunded through the gateway.</source>
      <translation>這種付款方式不能經網關退款。</translation>
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
      <translation>把這筆付款退給顧客，金額須由主管批准。</translation>
    </message>
    <message>
      <source>Refund &amp;amount</source>
      <translation>退款金額(&amp;A)</translation>
    </message>
    <message>
      <source>Enter an amount from %1 to %2.</source>
      <translation>請輸入 %1 至 %2 之間的金額。</translation>
    </message>
    <message>
      <source>This payment can only be refunded in full today: %1.</source>
      <translation>這筆付款今日只可全額退款：%1。</translation>
    </message>
    <message>
      <source>A refund of %1 (payment %2, QFPay number %3) needs a supervisor. The supervisor enters their ID and PIN here; they cannot be the signed-in cashier (%4).</source>
      <translation>退款 %1（付款 %2，QFPay 交易號 %3）需要主管批准。主管在此輸入編號及密碼；主管不能是已登入的收銀員（%4）。</translation>
    </message>
  </context>
  <context>
    <name>ResolveDialog</name>
    <message>
      <source>Resolve a void</source>
      <translation>處理撤銷</translation>
    </message>
    <message>
      <source>The gateway never confirmed the void of %1 (QFPay number %2). Check the payment in the merchant portal, then record what happened.</source>
      <translation>網關一直沒有確認 %1（QFPay 交易號 %2）的撤銷。請在商戶後台核查這筆付款，再記錄結果。</translation>
    </message>
    <message>
      <source>Note (required): how was this established?</source>
      <translation>附註（必填）：如何確認結果？</translation>
    </message>
    <message>
      <source>Continue</source>
      <translation>繼續</translation>
    </message>
    <message>
      <source>A note is required.</source>
      <translation>必須填寫附註。</translation>
    </message>
    <message>
      <source>Resolve a refund</source>
      <translation>處理退款</translation>
    </message>
    <message>
      <source>The gateway never confirmed the refund of %1 (QFPay number %2, refund order number %3). Check the merchant portal, then record what happened.</source>
      <translation>網關一直未確認 %1 的退款（QFPay 交易號 %2，退款單號 %3）。請在商戶後台查核，然後記錄結果。</translation>
    </message>
  </context>
  <context>
    <name>Settings</name>
    <message>
      <source>Changing the settings needs a supervisor.</source>
      <translation>更改設定需要主管批准。</translation>
    </message>
  </context>
  <context>
    <name>SettingsDialog</name>
    <message>
      <source>Settings</source>
      <translation>設定</translation>
    </message>
    <message>
      <source>Gateway in use: %1</source>
      <translation>使用中的支付網關：%1</translation>
    </message>
    <message>
      <source>unchanged</source>
      <translation>不變</translation>
    </message>
    <message>
      <source>Environment</source>
      <translation>環境</translation>
    </message>
    <message>
      <source>Region</source>
      <translation>地區</translation>
    </message>
    <message>
      <source>Gateway URL (optional)</source>
      <translation>網關網址（可選）</translation>
    </message>
    <message>
      <source>Signature</source>
      <translation>簽名方式</translation>
    </message>
    <message>
      <source>Merchant ID (mchid)</source>
      <translation>商戶編號（mchid）</translation>
    </message>
    <message>
      <source>Terminal ID (udid)</source>
      <translation>終端機編號（udid）</translation>
    </message>
    <message>
      <source>Language</source>
      <translation>語言</translation>
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
      <translation>示範（模擬支付網關；全部不是真實交易）</translation>
    </message>
    <message>
      <source>Add a supervisor…</source>
      <translation>新增主管…</translation>
    </message>
    <message>
      <source>Gateway, terminal and credential changes apply when you save; the window reconnects.</source>
      <translation>網關、終端機及憑證的更改在儲存後生效，視窗會重新連線。</translation>
    </message>
    <message>
      <source>Save</source>
      <translation>儲存</translation>
    </message>
    <message>
      <source>Enter both the app code and the client key, or neither.</source>
      <translation>請同時輸入 app code 和 client key，或兩者都不填。</translation>
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
      <translation>店舖名稱（印在單據上）</translation>
    </message>
  </context>
  <context>
    <name>Setup</name>
    <message>
      <source>Sandbox (QFPay's shared test system)</source>
      <translation>沙盒（QFPay 共用測試系統）</translation>
    </message>
    <message>
      <source>Test (real gateway, test money)</source>
      <translation>測試（真實網關，測試款項）</translation>
    </message>
    <message>
      <source>Live (real money)</source>
      <translation>正式（真實款項）</translation>
    </message>
    <message>
      <source>This computer has no keyring to keep the credentials in. IT must install one (on Linux, gnome-keyring), then run setup again.</source>
      <translation>這部電腦沒有可保存憑證的鑰匙圈。IT 必須先安裝一個（Linux 上為 gnome-keyring），然後再執行設定。</translation>
    </message>
    <message>
      <source>The system's keyring is locked, so the credentials cannot be kept. Unlock it (sign in to the desktop again), then try again.</source>
      <translation>系統的鑰匙圈已鎖上，無法保存憑證。請先解鎖（重新登入桌面），然後再試。</translation>
    </message>
    <message>
      <source>The system's keyring could not be opened, so the credentials cannot be kept. Call IT.</source>
      <translation>無法開啟系統的鑰匙圈，所以無法保存憑證。請聯絡 IT。</translation>
    </message>
    <message>
      <source>This terminal is set up.</source>
      <translation>這部終端機已完成設定。</translation>
    </message>
    <message>
      <source>The system's keyring refused to keep the credentials. Call IT.</source>
      <translation>系統的鑰匙圈拒絕保存憑證。請聯絡 IT。</translation>
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
      <translation>%1 必須有 %2 至 %3 個字元；你輸入了 %4 個。</translation>
    </message>
    <message>
      <source>%1 may contain only letters, digits and ASCII punctuation, without spaces; character %2 is not allowed.</source>
      <translation>%1 只可包含英文字母、數字和 ASCII 標點符號，不可有空格；第 %2 個字元不被接受。</translation>
    </message>
    <message>
      <source>This terminal has no QFPay credentials and no supervisor yet.</source>
      <translation>這部終端機尚未有 QFPay 憑證，也未有主管。</translation>
    </message>
    <message>
      <source>This terminal has no QFPay credentials yet.</source>
      <translation>這部終端機尚未有 QFPay 憑證。</translation>
    </message>
    <message>
      <source>This terminal has no supervisor yet.</source>
      <translation>這部終端機尚未有主管。</translation>
    </message>
  </context>
  <context>
    <name>SetupWizard</name>
    <message>
      <source>Set up posrev</source>
      <translation>設定 posrev</translation>
    </message>
  </context>
  <context>
    <name>SignInDialog</name>
    <message>
      <source>Cashier sign-in</source>
      <translation>收銀員登入</translation>
    </message>
    <message>
      <source>Enter your cashier ID. Every void is recorded under it.</source>
      <translation>請輸入收銀員編號，每次撤銷都會以此記錄。</translation>
    </message>
    <message>
      <source>Cashier ID</source>
      <translation>收銀員編號</translation>
    </message>
    <message>
      <source>Sign in</source>
      <translation>登入</translation>
    </message>
  </context>
  <context>
    <name>Slip</name>
    <message>
      <source>QFPay number</source>
      <translation>QFPay 交易號</translation>
    </message>
    <message>
      <source>Order number</source>
      <translation>訂單號</translation>
    </message>
    <message>
      <source>Void number</source>
      <translation>撤銷單號</translation>
    </message>
    <message>
      <source>Action</source>
      <translation>操作</translation>
    </message>
    <message>
      <source>Cashier</source>
      <translation>收銀員</translation>
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
      <translation>終端機</translation>
    </message>
    <message>
      <source>Started</source>
      <translation>開始時間</translation>
    </message>
    <message>
      <source>Last update</source>
      <translation>最後更新</translation>
    </message>
    <message>
      <source>Printed</source>
      <translation>列印時間</translation>
    </message>
    <message>
      <source>Operation</source>
      <translation>操作編號</translation>
    </message>
    <message>
      <source>VOID SLIP</source>
      <translation>撤銷單據</translation>
    </message>
    <message>
      <source>DEMO — a simulated gateway; nothing was voided</source>
      <translation>示範 — 模擬網關，並無撤銷任何付款</translation>
    </message>
    <message>
      <source>SIMULATOR — a test gateway on this computer; no real money</source>
      <translation>模擬器 — 這部電腦上的測試網關，不涉及真實款項</translation>
    </message>
    <message>
      <source>TEST — test environment; no real money</source>
      <translation>測試 — 測試環境，不涉及真實款項</translation>
    </message>
    <message>
      <source>Save the slip</source>
      <translation>儲存單據</translation>
    </message>
    <message>
      <source>PDF files (*.pdf)</source>
      <translation>PDF 檔案 (*.pdf)</translation>
    </message>
    <message>
      <source>Refund number</source>
      <translation>退款交易號</translation>
    </message>
    <message>
      <source>Refund order number</source>
      <translation>退款單號</translation>
    </message>
    <message>
      <source>Amount paid</source>
      <translation>已付金額</translation>
    </message>
    <message>
      <source>REFUND SLIP</source>
      <translation>退款單據</translation>
    </message>
    <message>
      <source>DEMO — a simulated gateway; nothing was refunded</source>
      <translation>示範 — 模擬網關，沒有真正退款</translation>
    </message>
  </context>
  <context>
    <name>SlipDialog</name>
    <message>
      <source>Print the void slip</source>
      <translation>列印撤銷單據</translation>
    </message>
    <message>
      <source>Print the slip on the printer, or save it as a PDF file.</source>
      <translation>用打印機列印單據，或儲存為 PDF 檔案。</translation>
    </message>
    <message>
      <source>&amp;Printer…</source>
      <translation>打印機…(&amp;P)</translation>
    </message>
    <message>
      <source>No printer is installed on this computer; save the slip as a PDF file.</source>
      <translation>這部電腦沒有安裝打印機；請把單據儲存為 PDF 檔案。</translation>
    </message>
    <message>
      <source>No printer is installed on this computer.</source>
      <translation>這部電腦沒有安裝打印機。</translation>
    </message>
    <message>
      <source>Save as P&amp;DF…</source>
      <translation>儲存為 PDF…(&amp;D)</translation>
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
      <translation>準備發送撤銷</translation>
    </message>
    <message>
      <source>Sending the void to the gateway</source>
      <translation>正在向網關發送撤銷</translation>
    </message>
    <message>
      <source>The gateway accepted the void; confirming</source>
      <translation>網關已接受撤銷，正在確認</translation>
    </message>
    <message>
      <source>The gateway refused; checking the payment</source>
      <translation>網關拒絕，正在核查付款</translation>
    </message>
    <message>
      <source>The gateway is processing the void</source>
      <translation>網關正在處理撤銷</translation>
    </message>
    <message>
      <source>The answer was lost; checking what happened</source>
      <translation>回覆遺失，正在核實結果</translation>
    </message>
    <message>
      <source>Voided</source>
      <translation>已撤銷</translation>
    </message>
    <message>
      <source>Refund required</source>
      <translation>需要退款</translation>
    </message>
    <message>
      <source>Failed</source>
      <translation>失敗</translation>
    </message>
    <message>
      <source>Needs a supervisor</source>
      <translation>需要主管處理</translation>
    </message>
    <message>
      <source>Refunded</source>
      <translation>已退款</translation>
    </message>
    <message>
      <source>Getting ready to send the refund</source>
      <translation>準備發送退款</translation>
    </message>
    <message>
      <source>Sending the refund to the gateway</source>
      <translation>正在向網關發送退款</translation>
    </message>
    <message>
      <source>The gateway accepted the refund; confirming</source>
      <translation>網關已接受退款，正在確認</translation>
    </message>
    <message>
      <source>The gateway refused; checking whether the refund exists</source>
      <translation>網關拒絕，正在查核退款是否存在</translation>
    </message>
    <message>
      <source>The gateway is processing the refund</source>
      <translation>網關正在處理退款</translation>
    </message>
    <message>
      <source>Taken over by another terminal</source>
      <translation>已由另一部終端機接手</translation>
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
      <translation>主管編號</translation>
    </message>
    <message>
      <source>6 to 12 digits</source>
      <translation>6 至 12 位數字</translation>
    </message>
    <message>
      <source>Supervisor &amp;ID</source>
      <translation>主管編號(&amp;I)</translation>
    </message>
    <message>
      <source>&amp;PIN</source>
      <translation>密碼(&amp;P)</translation>
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
      <translation>請輸入主管編號。</translation>
    </message>
    <message>
      <source>Enter the supervisor's PIN.</source>
      <translation>請輸入主管密碼。</translation>
    </message>
    <message>
      <source>Choose or type a reason.</source>
      <translation>請選擇或輸入原因。</translation>
    </message>
    <message>
      <source>Checking…</source>
      <translation>核對中…</translation>
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
      <translation>憑證已設定；這部終端機仍需要第一位主管。主管以 6 至 12 位數字的 PIN 批准有風險的撤銷和更改設定。</translation>
    </message>
    <message>
      <source>Step 4 of 4: a supervisor approves risky voids and changes settings with a PIN of 6 to 12 digits.</source>
      <translation>第 4 步（共 4 步）：主管以 6 至 12 位數字密碼批准有風險的撤銷及更改設定。</translation>
    </message>
    <message>
      <source>Adding more supervisors later needs this supervisor's approval.</source>
      <translation>日後新增主管需要這位主管批准。</translation>
    </message>
    <message>
      <source>Supervisor &amp;ID</source>
      <translation>主管編號(&amp;I)</translation>
    </message>
    <message>
      <source>&amp;Name</source>
      <translation>姓名(&amp;N)</translation>
    </message>
    <message>
      <source>&amp;PIN</source>
      <translation>密碼(&amp;P)</translation>
    </message>
    <message>
      <source>PIN &amp;again</source>
      <translation>再次輸入密碼(&amp;A)</translation>
    </message>
    <message>
      <source>The two PINs are not the same.</source>
      <translation>兩次輸入的密碼不一致。</translation>
    </message>
    <message>
      <source>The PIN must have 6 to 12 digits.</source>
      <translation>密碼必須是 6 至 12 位數字。</translation>
    </message>
  </context>
  <context>
    <name>TerminalPage</name>
    <message>
      <source>This terminal</source>
      <translation>本終端機</translation>
    </message>
    <message>
      <source>Step 3 of 4: the terminal's ID (udid) is sent with every void; keep the generated one unless IT gave you one.</source>
      <translation>第 3 步（共 4 步）：每次撤銷都會發送終端機編號（udid）；除非 IT 另有提供，請保留自動產生的編號。</translation>
    </message>
    <message>
      <source>Only a supervisor can change these later, in Settings.</source>
      <translation>日後只有主管可在「設定」中更改。</translation>
    </message>
    <message>
      <source>Terminal &amp;ID (udid)</source>
      <translation>終端機編號（udid）(&amp;I)</translation>
    </message>
    <message>
      <source>&amp;Language</source>
      <translation>語言(&amp;L)</translation>
    </message>
    <message>
      <source>&amp;Store name (on the slip, optional)</source>
      <translation>店舖名稱（印在單據上，可選）(&amp;S)</translation>
    </message>
  </context>
  <context>
    <name>Texts</name>
    <message>
      <source>Pay type %1</source>
      <translation>支付類型 %1</translation>
    </message>
    <message>
      <source>&amp;Close this order</source>
      <translation>關閉這張訂單(&amp;C)</translation>
    </message>
    <message>
      <source>&amp;Reverse this payment</source>
      <translation>撤銷這筆付款(&amp;R)</translation>
    </message>
    <message>
      <source>Close %1</source>
      <translation>關閉 %1</translation>
    </message>
    <message>
      <source>Reverse %1</source>
      <translation>撤銷 %1</translation>
    </message>
    <message>
      <source>Refund record</source>
      <translation>退款記錄</translation>
    </message>
    <message>
      <source>Voided or closed</source>
      <translation>已撤銷或關閉</translation>
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
      <translation>示範：本機上的模擬支付網關；全部不是真實交易。</translation>
    </message>
    <message>
      <source>Simulator at %1: a test gateway on this computer; no real money.</source>
      <translation>模擬器 %1：本機上的測試支付網關；不涉及真實款項。</translation>
    </message>
    <message>
      <source>Live: %1, real money.</source>
      <translation>正式：%1，真實款項。</translation>
    </message>
    <message>
      <source>Test: %1, test money.</source>
      <translation>測試：%1，測試款項。</translation>
    </message>
    <message>
      <source>Refunded at %1</source>
      <translation>退款時間 %1</translation>
    </message>
    <message>
      <source>Paid at %1</source>
      <translation>付款時間 %1</translation>
    </message>
    <message>
      <source>Started at %1</source>
      <translation>開始時間 %1</translation>
    </message>
    <message>
      <source>%1 s</source>
      <translation>%1 秒</translation>
    </message>
    <message>
      <source>%1 min</source>
      <translation>%1 分鐘</translation>
    </message>
    <message>
      <source>%1 h %2 min</source>
      <translation>%1 小時 %2 分鐘</translation>
    </message>
    <message>
      <source>%1 d</source>
      <translation>%1 日</translation>
    </message>
    <message>
      <source>just now</source>
      <translation>剛剛</translation>
    </message>
    <message>
      <source>%1 ago</source>
      <translation>%1前</translation>
    </message>
    <message>
      <source>Voided — the customer will not be charged</source>
      <translation>已撤銷 — 顧客不會被扣款</translation>
    </message>
    <message>
      <source>Payment completed — refund it instead</source>
      <translation>付款已完成 — 請改為退款</translation>
    </message>
    <message>
      <source>Failed: %1</source>
      <translation>失敗：%1</translation>
    </message>
    <message>
      <source>Taken over by another terminal</source>
      <translation>已由另一部終端機接手</translation>
    </message>
    <message>
      <source>Not confirmed yet</source>
      <translation>尚未確認</translation>
    </message>
    <message>
      <source>the gateway could not be reached; nothing was sent</source>
      <translation>無法連接網關，甚麼也沒有發送</translation>
    </message>
    <message>
      <source>no reason was given</source>
      <translation>沒有提供原因</translation>
    </message>
    <message>
      <source>The payment of %1 is cancelled at the gateway.</source>
      <translation>網關已取消這筆 %1 的付款。</translation>
    </message>
    <message>
      <source>Nothing was voided. Look the payment up again before trying anything else.</source>
      <translation>沒有撤銷任何款項。請先重新查詢這筆付款，再作其他處理。</translation>
    </message>
    <message>
      <source>The gateway never confirmed this void. A supervisor must resolve it in the pending list.</source>
      <translation>網關一直沒有確認這次撤銷。需由主管在待確認清單中處理。</translation>
    </message>
    <message>
      <source>The void is still being checked in the background; it is in the pending list.</source>
      <translation>系統仍在背景核實這次撤銷，可在待確認清單中查看。</translation>
    </message>
    <message>
      <source>Refunded — %1 goes back to the customer</source>
      <translation>已退款 — %1 退回給顧客</translation>
    </message>
    <message>
      <source>Refund failed: %1</source>
      <translation>退款失敗：%1</translation>
    </message>
    <message>
      <source>The gateway refunded %1 of the payment of %2 (QFPay number %3).</source>
      <translation>網關已就 %2 的付款退款 %1（QFPay 交易號 %3）。</translation>
    </message>
    <message>
      <source>Nothing was refunded. Look the payment up again before trying anything else.</source>
      <translation>沒有退款。請先重新查詢這筆付款，再作其他操作。</translation>
    </message>
    <message>
      <source>The gateway never confirmed this refund. A supervisor must resolve it in the pending list.</source>
      <translation>網關一直未確認這筆退款。主管須在待處理清單中處理。</translation>
    </message>
    <message>
      <source>The refund is still being checked in the background; it is in the pending list.</source>
      <translation>退款仍在背景查詢中，已列入待處理清單。</translation>
    </message>
    <message>
      <source>The customer paid %1 before the void: refund it instead (QFPay number %2).</source>
      <translation>顧客在撤銷前已付款 %1，請改為退款（QFPay 交易號 %2）。</translation>
    </message>
    <message>
      <source>Another terminal of the store took this refund over; this terminal sends nothing more for it.</source>
      <translation>同店另一部終端機已接手這項退款；這部終端機不會再為它發出任何請求。</translation>
    </message>
    <message>
      <source>Another terminal of the store took this void over; this terminal sends nothing more for it.</source>
      <translation>同店另一部終端機已接手這項撤銷；這部終端機不會再為它發出任何請求。</translation>
    </message>
  </context>
</TS>