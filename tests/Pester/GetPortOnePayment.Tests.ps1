# Get-PortOnePayment as a user types it, against the emulator over loopback.
BeforeAll {
    Import-Module $env:PORTONE_TEST_SUPPORT -Force
    Import-Module $env:PORTONE_TEST_MODULE -Force
    $script:emu = Start-PortOneEmulator -ArgumentList '--payments', '6000', '--seed', '11', '--span-days', '500'
    Connect-PortOne -Credential $emu.Credential -ApiBaseUri $emu.BaseUri
    $script:now = [DateTimeOffset]::Now
    function script:Unix([datetime] $d) { ([DateTimeOffset]$d).ToUnixTimeSeconds() }
    function script:PageRequests { @(Get-EmulatorRequest $emu -PathLike '/payments/status/*') }
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
}
AfterAll {
    Disconnect-PortOne
    $emu | Stop-PortOneEmulator
}

Describe 'Get-PortOnePayment by status' {
    BeforeEach { Reset-EmulatorRequest $emu }

    It 'streams typed payments of the status in the last 90 days by default' {
        $to = Get-Date
        $paid = @(Get-PortOnePayment -Status Paid -To $to)
        $expected = Get-EmulatorSnapshot $emu -Status paid -From (Unix $to.AddDays(-90)) -To (Unix $to)
        $paid.Count | Should -BeGreaterThan 100
        $paid[0] | Should -BeOfType ([PortOne.PaymentAnnotation])
        $paid.Status | Select-Object -Unique | Should -Be 'paid'
        ($paid.ImpUid | Sort-Object) | Should -Be ($expected | Sort-Object)
    }

    It 'takes the status positionally and in any case' {
        $to = Get-Date
        $a = @(Get-PortOnePayment cancelled -To $to).ImpUid
        $b = @(Get-PortOnePayment -Status CANCELLED -To $to).ImpUid
        $a.Count | Should -BeGreaterThan 0
        $b | Should -Be $a
    }

    It 'pins the window when it starts: every request stays inside the first one''s explicit from and to' {
        $null = Get-PortOnePayment -Status All -PageSize 500
        $ranges = @(Get-EmulatorRequestRange $emu)
        $ranges.Count | Should -BeGreaterThan 1
        $ranges | ForEach-Object {
            $_.From | Should -BeGreaterOrEqual $ranges[0].From
            $_.To | Should -BeLessOrEqual $ranges[0].To
        }
    }

    It 'sends one request for Select-Object -First 3 and still assigns the result' {
        # Paid and ready come in the order PortOne sorts by: the first request's payments can be written at once.
        $three = Get-PortOnePayment -Status Paid | Select-Object -First 3
        $three.Count | Should -Be 3
        (PageRequests).Count | Should -Be 1
    }

    It 'writes the first payment before the second page is requested' {
        $script:seenAtFirst = $null
        Get-PortOnePayment -Status Paid -PageSize 200 | ForEach-Object -Begin { $i = 0 } -Process {
            # Requests that reached the server: logged (answered) or still in flight (the log is written when the
            # server is done, which may be after the client already holds the answer).
            # In flight first, then the log: a request moving between them is seen at least once, and counted once.
            if ($i++ -eq 0) {
                $arrived = @(Invoke-EmulatorControl $emu 'requests/inflight' | ForEach-Object { $_ } | Where-Object path -like '/payments/status/*') + @(PageRequests)
                $script:seenAtFirst = @($arrived | ForEach-Object { "$($_.at) $($_.query)" } | Select-Object -Unique).Count
            }
        }
        $script:seenAtFirst | Should -Be 1
        (PageRequests).Count | Should -BeGreaterThan 2
    }

    It 'reads a 400-day range as 90-day windows with no payment twice' {
        $to = Get-Date; $from = $to.AddDays(-400)
        $all = @(Get-PortOnePayment -Status All -From $from -To $to)
        $expected = Get-EmulatorSnapshot $emu -Status all -From (Unix $from) -To (Unix $to)
        $all.Count | Should -Be $expected.Count
        @($all.ImpUid | Select-Object -Unique).Count | Should -Be $all.Count
        ($all.ImpUid | Sort-Object) | Should -Be ($expected | Sort-Object)
        # Each window's first request covers the whole window; the slices after it lie inside.
        $windows = @(Get-EmulatorRequestRange $emu -Windows)
        @($windows).Count | Should -Be 5
        $windows | ForEach-Object { ($_.To - $_.From) | Should -BeLessOrEqual (90 * 86400) }
        for ($i = 1; $i -lt $windows.Count; $i++) { $windows[$i].From | Should -Be ($windows[$i - 1].To + 1) }
    }

    It 'reads the windows newest first for a descending sort' {
        Reset-EmulatorRequest $emu
        $to = Get-Date; $from = $to.AddDays(-200)
        $got = @(Get-PortOnePayment -Status All -From $from -To $to -Sort '-started').ImpUid
        # The truth says each payment's window time; the request log where each 90-day window begins.
        $truth = @(Get-EmulatorTruth $emu -Status all -From (Unix $from) -To (Unix $to))
        $windows = @(Get-EmulatorRequestRange $emu -Windows)
        $windows.Count | Should -Be 3
        $windowOf = @{}
        foreach ($t in $truth) { $windowOf[$t.ImpUid] = @(for ($w = 0; $w -lt 3; $w++) { if ($t.WindowTime -ge $windows[$w].From -and $t.WindowTime -le $windows[$w].To) { $w } })[0] }
        ($got | Sort-Object) | Should -Be ($truth.ImpUid | Sort-Object)
        # Every payment of a newer window comes before every payment of an older one (within a window, slices).
        $sequence = @($got | ForEach-Object { $windowOf[$_] })
        $sequence | Should -Be @($sequence | Sort-Object -Descending)
        @($sequence | Select-Object -Unique) | Should -Be @(2, 1, 0)
    }

    It 'reads in the direction of each of the API spellings and the readable names' -ForEach @(
        @{ Sort = 'paid'; Descending = $false }
        @{ Sort = '-paid'; Descending = $true }
        @{ Sort = 'StartedAscending'; Descending = $false }
        @{ Sort = 'startedDESCENDING'; Descending = $true }
    ) {
        # Every sort orders by the status time (for paid payments, the paid time), in the sort's direction.
        $values = @(Get-PortOnePayment -Status Paid -Sort $Sort -First 300 | ForEach-Object PaidAt)
        $values.Count | Should -Be 300
        $sorted = $values | Sort-Object -Descending:$Descending
        $values | Should -Be $sorted
    }

    It 'binds -Sort <Text> and asks for sorting=<Api>, the cancelled payments'' closest order in its direction' -ForEach @(
        @{ Text = '-paid'; Api = '-updated' }
        @{ Text = 'updated'; Api = 'updated' }
        @{ Text = 'UPDATEDDESCENDING'; Api = '-updated' }
        @{ Text = 'PaidAscending'; Api = 'updated' }
    ) {
        $null = Get-PortOnePayment -Status Cancelled -Sort $Text -First 1
        (PageRequests)[-1].query | Should -Match "(^|&)sorting=$([regex]::Escape($Api))(&|$)"
    }

    It 'binds a PaymentSort value to -Sort' {
        $null = Get-PortOnePayment -Status Cancelled -Sort ([PortOne.PaymentSort]::UpdatedAscending) -First 1
        (PageRequests)[-1].query | Should -Match '(^|&)sorting=updated(&|$)'
    }

    It 'reads -Status All newest first when -Sort is left out, asking each of its four statuses in its own order' {
        $null = Get-PortOnePayment -Status All -First 1
        $asked = @{}
        foreach ($request in PageRequests) {
            $status = ($request.path -split '/')[-1]
            if ($request.query -match '(^|&)sorting=([^&]+)') { $asked[$status] = $Matches[2] }
        }
        $asked['ready'] | Should -Be '-started'
        $asked['paid'] | Should -Be '-paid'
        $asked['cancelled'] | Should -Be '-updated'
        $asked['failed'] | Should -Be '-updated'
    }

    It 'reads -Status <Status> newest first when -Sort is left out, asking for sorting=<Api>' -ForEach @(
        @{ Status = 'Ready'; Api = '-started' }
        @{ Status = 'Paid'; Api = '-paid' }
        @{ Status = 'Cancelled'; Api = '-updated' }
        @{ Status = 'Failed'; Api = '-updated' }
    ) {
        $null = Get-PortOnePayment -Status $Status -First 1
        (PageRequests)[-1].query | Should -Match "(^|&)sorting=$([regex]::Escape($Api))(&|$)"
    }

    It 'skips exactly, and passes a whole window with one one-item request' {
        $to = Get-Date; $from = $to.AddDays(-200)
        $newestWindow = @(Get-EmulatorSnapshot $emu -Status all -From (Unix $to.AddDays(-90)) -To (Unix $to)).Count
        $reference = @(Get-PortOnePayment -Status All -From $from -To $to -PageSize 100 -First ($newestWindow + 300))
        Reset-EmulatorRequest $emu
        $skipped = @(Get-PortOnePayment -Status All -From $from -To $to -PageSize 100 -Skip ($newestWindow + 250) -First 10)
        $skipped.ImpUid | Should -Be $reference[($newestWindow + 250)..($newestWindow + 259)].ImpUid
        $newest = @(Get-EmulatorRequestRange $emu | Where-Object To -eq (Unix $to))
        $newest.Count | Should -Be 1
        $newest[0].query | Should -Match '(^|&)limit=1(&|$)'
    }

    It 'fetches no page that -First does not need' {
        $five = @(Get-PortOnePayment -Status Paid -First 5)
        $five.Count | Should -Be 5
        $requests = PageRequests
        $requests.Count | Should -Be 1
        $requests[0].query | Should -Match '(^|&)limit=100(&|$)'
        Reset-EmulatorRequest $emu
        $many = @(Get-PortOnePayment -Status Paid -First 300 -PageSize 100)
        $many.Count | Should -Be 300
        # The first request (100), then one chain of 100-payment pages for the 200 still wanted: not the whole window.
        @(PageRequests).Count | Should -BeLessOrEqual 7
    }

    It 'reports the total with -IncludeTotalCount' {
        $to = Get-Date
        $out = @(Get-PortOnePayment -Status Paid -To $to -IncludeTotalCount -First 1)
        $expected = @(Get-EmulatorSnapshot $emu -Status paid -From (Unix $to.AddDays(-90)) -To (Unix $to)).Count
        $out[0] | Should -Be $expected
        ($out[0] | Out-String) | Should -Match "Total count: $expected"
        $out[1] | Should -BeOfType ([PortOne.PaymentAnnotation])
    }

    It 'says each request in -Verbose' {
        $verbose = Get-PortOnePayment -Status Paid -First 2 -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
        ($verbose.Message -join "`n") | Should -Match 'GET /payments/status/paid\?page=1&limit=100&from=\d+&to=\d+&sorting=-paid -> 200 in \d+ ms, 100 payments'
        $verbose[-1].Message | Should -Match '^2 payments written in \d+\.\d s; 1 requests, 0 retries\.$'
    }

    It 'shows one progress bar over a read of five windows: never past its total, never going back, completed' {
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript("Import-Module '$env:PORTONE_TEST_MODULE'; Connect-PortOne -Credential `$args[0] -ApiBaseUri '$($emu.BaseUri)'; Get-PortOnePayment -Status All -From (Get-Date).AddDays(-400) -PageSize 200 | Measure-Object").AddArgument($emu.Credential)
            $count = $ps.Invoke()[0].Count
            $records = @($ps.Streams.Progress)
            $records[-1].RecordType | Should -Be 'Completed'
            $shown = @($records | Where-Object RecordType -eq 'Processing')
            $shown.Count | Should -BeGreaterThan 10
            $written = -1; $total = -1; $window = 0
            foreach ($record in $shown) {
                # -match here, not Should -Match: the groups are read from $Matches.
                $record.StatusDescription -match '^(?<written>[\d,]+)( of (?<total>[\d,]+))? payments$' | Should -BeTrue -Because $record.StatusDescription
                $w = [long]($Matches.written -replace ',', '')
                $w | Should -BeGreaterOrEqual $written -Because 'the count never goes back'
                $written = $w
                if ($Matches.total) {
                    $t = [long]($Matches.total -replace ',', '')
                    $w | Should -BeLessOrEqual $t -Because 'the count never passes its total'
                    $t | Should -BeGreaterOrEqual $total -Because 'the total never goes back'
                    $total = $t
                }
                if ($record.CurrentOperation -match '^window (?<n>\d) of 5: ') {
                    [int]$Matches.n | Should -BeGreaterOrEqual $window -Because 'the bar never restarts a window'
                    $window = [int]$Matches.n
                }
            }
            $window | Should -Be 5
            $total | Should -BeGreaterOrEqual $count -Because 'once every window was counted, the total covers all payments'
            @($shown | Where-Object PercentComplete -ge 0).Count | Should -BeGreaterThan 0
        } finally { $ps.Dispose() }
    }

    It 'writes one progress record per page and completes it' {
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript("Import-Module '$env:PORTONE_TEST_MODULE'; Connect-PortOne -Credential `$args[0] -ApiBaseUri '$($emu.BaseUri)'; Get-PortOnePayment -Status All -PageSize 500 | Measure-Object").AddArgument($emu.Credential)
            $count = $ps.Invoke()[0].Count
            $pages = @(PageRequests).Count
            $pages | Should -BeGreaterThan 2
            $records = @($ps.Streams.Progress)
            @($records | Where-Object RecordType -eq 'Processing').Count | Should -Be $pages
            $records[-1].RecordType | Should -Be 'Completed'
            $records[0].StatusDescription | Should -Match '^0 of [\d,]+ payments$'
            $records[-2].StatusDescription | Should -Match '^[\d,]+ of [\d,]+ payments$'
        } finally { $ps.Dispose() }
    }
}

Describe 'Get-PortOnePayment completes and validates its parameters' {
    It 'completes <Line> with <Expected>' -ForEach @(
        @{ Line = 'Get-PortOnePayment -Status Canc'; Expected = 'Cancelled' }
        @{ Line = 'Get-PortOnePayment -Sort PaidA'; Expected = 'PaidAscending' }
        @{ Line = 'Get-PortOnePayment -Sort pai'; Expected = 'paid' }
        @{ Line = 'Get-PortOnePayment -Sort pai'; Expected = 'PaidDescending' }
        @{ Line = "Get-PortOnePayment -Sort '-upd"; Expected = "'-updated'" }
    ) {
        (TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches.CompletionText | Should -Contain $Expected
    }

    It 'offers every readable name and every API spelling for an empty -Sort' {
        $offered = (TabExpansion2 -inputScript 'Get-PortOnePayment -Sort ' -cursorColumn 25).CompletionMatches.CompletionText
        $expected = foreach ($sort in [Enum]::GetValues([PortOne.PaymentSort])) { "$sort"; [PortOne.PaymentSortNames]::ToApiString($sort) }
        ($offered | Sort-Object) | Should -Be ($expected | Sort-Object)
    }

    It 'refuses an unknown -Sort, naming the spellings it takes' {
        $thrown = $null
        try { Get-PortOnePayment -Sort newest } catch { $thrown = $_ }
        $thrown.FullyQualifiedErrorId | Should -Be 'ParameterArgumentTransformationError,PortOne.Commands.GetPortOnePaymentCommand'
        $thrown.Exception.Message | Should -Match "'newest' is not a sort order PortOne knows"
        $thrown.Exception.Message | Should -Match "-Sort '-paid'"
        $thrown.Exception.Message | Should -Match 'PaidDescending'
    }

    It 'refuses -From after -To with a stable error id' {
        { Get-PortOnePayment -From (Get-Date) -To (Get-Date).AddDays(-1) -ErrorAction Stop } |
            Should -Throw -ErrorId 'PortOne.InvalidDateRange,PortOne.Commands.GetPortOnePaymentCommand'
    }
}

Describe 'Get-PortOnePayment lookups' {
    BeforeAll {
        $script:some = @(Get-PortOnePayment -Status All -First 3)
    }

    It 'looks payments up by -ImpUid' {
        (Get-PortOnePayment -ImpUid $some.ImpUid).MerchantUid | Should -Be $some.MerchantUid
    }

    It 'binds ImpUid from Import-Csv by property name and goes on past one that does not exist' {
        $csv = Join-Path $TestDrive 'ids.csv'
        @([pscustomobject]@{ imp_uid = $some[0].ImpUid }, [pscustomobject]@{ imp_uid = 'imp_000000000000' }, [pscustomobject]@{ imp_uid = $some[1].ImpUid }) | Export-Csv $csv
        $found = @(Import-Csv $csv | Get-PortOnePayment -ErrorVariable missing -ErrorAction SilentlyContinue)
        $found.ImpUid | Should -Be @($some[0].ImpUid, $some[1].ImpUid)
        $missing.Count | Should -Be 1
        $missing[0].FullyQualifiedErrorId | Should -Be 'PortOne.NotFound,PortOne.Commands.GetPortOnePaymentCommand'
        $missing[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $missing[0].TargetObject | Should -Be 'imp_000000000000'
    }

    It 'writes each lookup''s request line before its payment or its error' {
        $ids = $some[0].ImpUid, 'imp_000000000000', $some[1].ImpUid
        $sequence = Get-PortOnePayment -ImpUid $ids -Verbose -ErrorAction Continue 4>&1 2>&1 | ForEach-Object {
            if ($_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -match '^GET /payments/([^?/]+)\?') { "request $($Matches[1])" }
            elseif ($_ -is [System.Management.Automation.ErrorRecord]) { "error $($_.TargetObject)" }
            elseif ($_ -is [PortOne.PaymentAnnotation]) { "payment $($_.ImpUid)" }
        }
        $sequence | Should -Be @("request $($ids[0])", "payment $($ids[0])", "request $($ids[1])", "error $($ids[1])", "request $($ids[2])", "payment $($ids[2])")
    }

    It 'takes imp_uid strings from the pipeline' {
        ($some.ImpUid | Get-PortOnePayment).ImpUid | Should -Be $some.ImpUid
    }

    It 'refreshes piped payments, which carry both ids, by imp_uid' {
        (Get-PortOnePayment -Status All -First 3 | Get-PortOnePayment).ImpUid | Should -Be $some.ImpUid
    }

    It 'looks payments up by -MerchantUid' {
        (Get-PortOnePayment -MerchantUid $some[0].MerchantUid).MerchantUid | Should -Be $some[0].MerchantUid
    }
}

Describe 'Payment output' {
    BeforeAll {
        $script:sampleTo = Get-Date; $script:sampleFrom = $sampleTo.AddDays(-500)
        $script:sample = @(Get-PortOnePayment -Status All -From $sampleFrom -To $sampleTo)
    }

    It 'has a PascalCase property for every field of the spec' {
        # PortOne's official spec, kept in the repository (tests/Contract/README.md says where it came from).
        $spec = Get-Content (Join-Path $PSScriptRoot '../Contract/v1.openapi.json') -Raw -ErrorAction Stop | ConvertFrom-Json -AsHashtable
        $properties = [PortOne.PaymentAnnotation].GetProperties().Name
        $fields = @($spec.definitions.PaymentAnnotation.properties.Keys)
        $fields.Count | Should -BeGreaterThan 50 -Because 'the spec lists every field of PaymentAnnotation'
        foreach ($field in $fields) {
            $pascal = -join ($field -split '_' | ForEach-Object { $_.Substring(0, 1).ToUpper() + $_.Substring(1) })
            $properties | Should -Contain $pascal -Because "the spec has $field"
        }
    }

    It 'keeps money as decimal, USD cents included' {
        $usd = $sample | Where-Object Currency -eq 'USD' | Select-Object -First 1
        $usd | Should -Not -BeNullOrEmpty
        $usd.Amount | Should -BeOfType ([decimal])
        @($sample | Where-Object { $_.Currency -eq 'USD' -and $_.Amount % 1 -ne 0 }).Count | Should -BeGreaterThan 0
    }

    It 'has date-time timestamps, null where the API sends 0' {
        $ready = $sample | Where-Object Status -eq 'ready' | Select-Object -First 1
        $ready.StartedAt | Should -BeOfType ([DateTimeOffset])
        $ready.PaidAt | Should -BeNullOrEmpty
    }

    It 'keeps unknown fields and values readable' {
        # Exactly the payments the server sent undocumented fields with (read apart from the module), by name.
        $raw = @(Get-RawPayment $emu -From (Unix $sampleFrom) -To (Unix $sampleTo) | Where-Object { $_.UnknownFields.Count })
        $raw.Count | Should -BeGreaterThan 0 -Because 'the emulator sends undocumented fields'
        $kept = @($sample | Where-Object AdditionalFields | ForEach-Object { "$($_.ImpUid) $((@($_.AdditionalFields.Keys) | Sort-Object) -join ',')" })
        ($kept | Sort-Object) | Should -Be ($raw | ForEach-Object { "$($_.ImpUid) $((@($_.UnknownFields) | Sort-Object) -join ',')" } | Sort-Object)
    }

    It 'shows a default table with the columns an admin needs' {
        $text = $sample[0..2] | Format-Table | Out-String -Width 120
        foreach ($column in 'ImpUid', 'MerchantUid', 'Status', 'Amount', 'Time', 'Buyer', 'Name') { $text | Should -Match $column }
    }

    It 'exports every scalar field readably with Export-Csv' {
        $csv = Join-Path $TestDrive 'payments.csv'
        $partial = $sample | Where-Object { $_.CancelHistory.Count -gt 0 } | Select-Object -First 1
        $partial | Export-Csv $csv
        $row = Import-Csv $csv
        $row.ImpUid | Should -Be $partial.ImpUid
        [decimal]$row.Amount | Should -Be $partial.Amount
        $row.CancelHistory | Should -Not -Match 'System\.|PortOne\.'
        $row.CancelHistory | Should -Match ([regex]::Escape($partial.CancelHistory[0].Reason))
        $row.StartedAt | Should -Not -BeNullOrEmpty
    }
}
