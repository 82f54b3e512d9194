# Exports under faults, changing data and bad input: nothing lost, nothing repeated, every error named.
BeforeAll {
    Import-Module $env:PORTONE_TEST_SUPPORT -Force
    Import-Module $env:PORTONE_TEST_MODULE -Force
    $script:emu = Start-PortOneEmulator -ArgumentList '--payments', '20000', '--seed', '3', '--span-days', '120', '--fault-seed', '8'
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Connect-PortOne -Credential $emu.Credential -ApiBaseUri $emu.BaseUri -MaxRetries 8
    function script:Unix([datetime] $d) { ([DateTimeOffset]$d).ToUnixTimeSeconds() }

    function script:Assert-ExactExport {
        # Exports paid payments of the last 60 days under $Fault and compares with the emulator's own set.
        param([hashtable] $Fault, [string] $Sort = '-started')
        $to = Get-Date; $from = $to.AddDays(-60)
        $expected = Get-EmulatorSnapshot $emu -Status paid -From (Unix $from) -To (Unix $to)
        Set-EmulatorFault $emu $Fault
        try { $got = @(Get-PortOnePayment -Status Paid -From $from -To $to -Sort $Sort -PageSize 200 -ErrorAction Stop).ImpUid }
        finally { Set-EmulatorFault $emu @{} }
        $duplicates = $got.Count - @($got | Select-Object -Unique).Count
        $lost = @($expected | Where-Object { $_ -notin $got }).Count
        Write-Host "  fault $($Fault | ConvertTo-Json -Compress): $($got.Count) exported, $($expected.Count) expected, $lost lost, $duplicates duplicated"
        $duplicates | Should -Be 0
        $lost | Should -Be 0
        ($got | Sort-Object) | Should -Be ($expected | Sort-Object)
    }
}
AfterAll {
    Disconnect-PortOne
    $emu | Stop-PortOneEmulator
}

Describe 'Exports under faults' {
    It 'loses and repeats nothing with 20% 5xx answers' { Assert-ExactExport @{ errorRate = 0.2 } }
    It 'loses and repeats nothing with 429 and Retry-After, and waits as long as Retry-After says' {
        Reset-EmulatorRequest $emu
        Assert-ExactExport @{ rateLimitRate = 0.2; retryAfter = '1' }
        # Each 429 is followed by the same request again no sooner than Retry-After (1 s) after it arrived.
        $log = @(Get-EmulatorRequest $emu -PathLike '/payments/status/*')
        $limited = @(for ($i = 0; $i -lt $log.Count; $i++) { if ($log[$i].status -eq 429) { $i } })
        $limited.Count | Should -BeGreaterThan 3 -Because 'the fault really answered 429s'
        foreach ($i in $limited) {
            $retry = $log[($i + 1)..($log.Count - 1)] | Where-Object { $_.query -eq $log[$i].query } | Select-Object -First 1
            $retry | Should -Not -BeNullOrEmpty -Because "the request after a 429 ($($log[$i].query)) was retried"
            # The log's clock and the client's timer agree to a few milliseconds, not better.
            ($retry.at - $log[$i].at) | Should -BeGreaterOrEqual 990 -Because 'Retry-After: 1 asks for a second'
        }
    }
    It 'loses and repeats nothing when connections drop mid-body' { Assert-ExactExport @{ dropRate = 0.15 } }

    It 'says each retry in -Verbose' {
        Set-EmulatorFault $emu @{ errorRate = 1.0 }
        try {
            Connect-PortOne -Credential $emu.Credential -ApiBaseUri $emu.BaseUri -MaxRetries 2
            $verbose = [System.Collections.Generic.List[object]]::new()
            $err = $null
            try { Get-PortOnePayment -Status Paid -First 10 -Verbose 4>&1 | ForEach-Object { $verbose.Add($_) } } catch { $err = $_ }
        } finally {
            Set-EmulatorFault $emu @{}
            Connect-PortOne -Credential $emu.Credential -ApiBaseUri $emu.BaseUri -MaxRetries 8
        }
        @($verbose | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -match '^Retry \d of 2 for /payments/status/paid\?page=1' }).Count | Should -Be 2
        $err.FullyQualifiedErrorId | Should -Be 'PortOne.RetriesExhausted,PortOne.Commands.GetPortOnePaymentCommand'
        $err.ErrorDetails.Message | Should -Match 'payments/status/paid\?page=1'
        $err.ErrorDetails.RecommendedAction | Should -Match 'MaxRetries'
    }

    It 'ends at once on Ctrl+C while the server stalls, leaving nothing running' {
        Set-EmulatorFault $emu @{ stallMs = 3600000 }
        Reset-EmulatorRequest $emu
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript("Import-Module '$env:PORTONE_TEST_MODULE'; Connect-PortOne -Credential `$args[0] -ApiBaseUri '$($emu.BaseUri)'; Get-PortOnePayment -Status All").AddArgument($emu.Credential)
            $async = $ps.BeginInvoke()
            # The event: a payments request is stalled in the emulator (an hour: only a cancel can end it).
            Wait-Until { @(Invoke-EmulatorControl $emu 'requests/inflight' | ForEach-Object { $_ } | Where-Object path -like '/payments/*').Count -gt 0 }
            $stop = $ps.BeginStop($null, $null)
            # Time is the behaviour: the stop completes once the cmdlet ended. 5 s is far above what cancelling an
            # in-flight request takes, even on a loaded 2-core machine, and far below the hour the stalled request
            # would take; waiting on the stop (not calling Stop) keeps a broken cancel from hanging the test.
            $stop.AsyncWaitHandle.WaitOne([TimeSpan]::FromSeconds(5)) | Should -BeTrue -Because 'Ctrl+C ends the command at once'
            $ps.EndStop($stop)
            $ps.InvocationStateInfo.State | Should -Be 'Stopped'
            # Nothing left running: the stalled requests (-Status All asks its four statuses at once) were abandoned
            # (the emulator logs each 499) and none followed.
            Wait-Until { @(Invoke-EmulatorControl $emu 'requests/inflight' | ForEach-Object { $_ }).Count -eq 0 }
            $pages = @(Get-EmulatorRequest $emu -PathLike '/payments/*')
            $pages.Count | Should -BeLessOrEqual 4
            @($pages.status | Select-Object -Unique) | Should -Be @(499)
        } finally {
            Set-EmulatorFault $emu @{}
            $ps.Dispose()
        }
    }
}

Describe 'Exports while payments change' {
    # The 5 x 6 matrix of statuses and sorts under churn is in Completeness.Tests.ps1; these are the two stories around it.
    It 'loses and repeats nothing when paid payments are read by start time while others change' {
        $to = (Get-Date).AddSeconds(-5); $from = $to.AddDays(-60)
        $before = Get-EmulatorSnapshot $emu -Status paid -From (Unix $from) -To (Unix $to)
        Set-EmulatorFault $emu @{ churn = 40 }
        try { $got = @(Get-PortOnePayment -Status Paid -From $from -To $to -Sort '-started' -PageSize 200 -WarningVariable warnings -ErrorVariable problems -ErrorAction SilentlyContinue).ImpUid }
        finally { Set-EmulatorFault $emu @{} }
        $after = Get-EmulatorSnapshot $emu -Status paid -From (Unix $from) -To (Unix $to)
        $stayedPaid = @($before | Where-Object { $_ -in $after })
        $duplicates = $got.Count - @($got | Select-Object -Unique).Count
        $lost = @($stayedPaid | Where-Object { $_ -notin $got }).Count
        # Payments paid in the range at some moment: still paid, or cancelled since (a cancel keeps paid_at).
        $everPaid = @(Get-EmulatorTruth $emu -Status all | Where-Object { $_.PaidAt -ge (Unix $from) -and $_.PaidAt -le (Unix $to) }).ImpUid
        $foreign = @($got | Where-Object { $_ -notin $everPaid }).Count
        Write-Host "  churn, -started: $($got.Count) exported, $($stayedPaid.Count) paid throughout, $lost lost, $duplicates duplicated, $foreign foreign"
        $stayedPaid.Count | Should -BeLessThan $before.Count -Because 'the churn really cancelled some payments'
        $duplicates | Should -Be 0
        $lost | Should -Be 0
        $foreign | Should -Be 0
        $warnings | Should -BeNullOrEmpty
        $problems | Should -BeNullOrEmpty -Because 'a complete read says nothing: a false DataChanged would fail a scheduled job'
    }

    It 'fails loudly with PortOne.DataChanged when a second of more than the largest page keeps changing while it is read' {
        # 1,500 payments in one second, more than the largest page (1,000), so it must be read by offset; churn changes
        # that second at every request, so no two readings of it agree.
        # Far back, so that no other test of this emulator reads this crowded second (ties are random: it can never
        # be proven read, and would make their reads say DataChanged too).
        $second = [DateTimeOffset]::Now.AddDays(-400).ToUnixTimeSeconds()
        $null = Add-EmulatorBurst $emu -At $second -Count 1500 -Status paid
        $at = [DateTimeOffset]::FromUnixTimeSeconds($second).LocalDateTime
        Set-EmulatorFault $emu @{ churn = 5; churnFrom = $second; churnTo = $second }
        try {
            $got = @(Get-PortOnePayment -Status Paid -From $at.AddHours(-1) -To $at.AddHours(1) -ErrorAction SilentlyContinue -ErrorVariable problems -WarningVariable warnings)
            { Get-PortOnePayment -Status Paid -From $at.AddHours(-1) -To $at.AddHours(1) -ErrorAction Stop } | Should -Throw -ErrorId 'PortOne.DataChanged,PortOne.Commands.GetPortOnePaymentCommand'
        } finally { Set-EmulatorFault $emu @{} }
        $got.Count | Should -BeGreaterThan 1400
        $problems.Count | Should -Be 1
        $problems[0].FullyQualifiedErrorId | Should -Be 'PortOne.DataChanged,PortOne.Commands.GetPortOnePaymentCommand'
        $problems[0].ErrorDetails.Message | Should -Match 'share the second'
        $problems[0].ErrorDetails.RecommendedAction | Should -Match ("-From '{0:yyyy-MM-dd HH:mm:ss}" -f $at)
        $warnings | Should -BeNullOrEmpty
    }
}

Describe 'Bad input and bad answers' {
    It '<Case> fails with <ErrorId>' -ForEach @(
        @{ Case = 'an unknown status'; Script = { Get-PortOnePayment -Status Refunded }; ErrorId = 'CannotConvertArgumentNoMessage,PortOne.Commands.GetPortOnePaymentCommand' }
        @{ Case = 'an unknown sort'; Script = { Get-PortOnePayment -Sort newest }; ErrorId = 'ParameterArgumentTransformationError,PortOne.Commands.GetPortOnePaymentCommand' }
        @{ Case = 'PageSize 0'; Script = { Get-PortOnePayment -PageSize 0 }; ErrorId = 'ParameterArgumentValidationError,PortOne.Commands.GetPortOnePaymentCommand' }
        @{ Case = 'PageSize 1001'; Script = { Get-PortOnePayment -PageSize 1001 }; ErrorId = 'ParameterArgumentValidationError,PortOne.Commands.GetPortOnePaymentCommand' }
        @{ Case = 'From after To'; Script = { Get-PortOnePayment -From (Get-Date) -To (Get-Date).AddDays(-2) }; ErrorId = 'PortOne.InvalidDateRange,PortOne.Commands.GetPortOnePaymentCommand' }
        @{ Case = 'a From in the future without To'; Script = { Get-PortOnePayment -From (Get-Date).AddMinutes(5) }; ErrorId = 'PortOne.InvalidDateRange,PortOne.Commands.GetPortOnePaymentCommand' }
        @{ Case = 'plain http to a remote host'; Script = { Connect-PortOne -Credential $emu.Credential -ApiBaseUri 'http://10.0.0.1/' }; ErrorId = 'PortOne.InsecureBaseUri,PortOne.Commands.ConnectPortOneCommand' }
        @{ Case = 'wrong credentials'; Script = { Connect-PortOne -Credential ([pscredential]::new('x', (ConvertTo-SecureString 'y' -AsPlainText -Force))) -ApiBaseUri $emu.BaseUri }; ErrorId = 'PortOne.AuthenticationFailed,PortOne.Commands.ConnectPortOneCommand' }
        @{ Case = 'an HTML page from a proxy'; Fault = @{ htmlRate = 1.0 }; Script = { Get-PortOnePayment -First 5 }; ErrorId = 'PortOne.InvalidResponse,PortOne.Commands.GetPortOnePaymentCommand' }
        @{ Case = 'malformed JSON'; Fault = @{ malformedRate = 1.0 }; Script = { Get-PortOnePayment -First 5 }; ErrorId = 'PortOne.InvalidResponse,PortOne.Commands.GetPortOnePaymentCommand' }
        @{ Case = 'truncated JSON'; Fault = @{ truncatedRate = 1.0 }; Script = { Get-PortOnePayment -First 5 }; ErrorId = 'PortOne.InvalidResponse,PortOne.Commands.GetPortOnePaymentCommand' }
        @{ Case = 'a 200 with code != 0'; Fault = @{ codeNonZeroRate = 1.0 }; Script = { Get-PortOnePayment -First 5 }; ErrorId = 'PortOne.ApiError,PortOne.Commands.GetPortOnePaymentCommand' }
        @{ Case = 'an API that ignores page, from and to (paid by paid time)'; Fault = @{ ignorePaging = $true }; Script = { Get-PortOnePayment -Status Paid -PageSize 100 }; ErrorId = 'PortOne.InvalidResponse,PortOne.Commands.GetPortOnePaymentCommand' }
        @{ Case = 'an API that ignores page, from and to (all by start time)'; Fault = @{ ignorePaging = $true }; Script = { Get-PortOnePayment -Status All -Sort '-started' -PageSize 100 }; ErrorId = 'PortOne.InvalidResponse,PortOne.Commands.GetPortOnePaymentCommand' }
        @{ Case = 'an API that ignores page, from and to (three windows, ascending)'; Fault = @{ ignorePaging = $true }; Script = { Get-PortOnePayment -Status Cancelled -Sort updated -From (Get-Date).AddDays(-200) -PageSize 100 }; ErrorId = 'PortOne.InvalidResponse,PortOne.Commands.GetPortOnePaymentCommand' }
        @{ Case = 'a redirect'; Fault = @{ redirectTo = 'http://127.0.0.1:9/' }; Script = { Get-PortOnePayment -First 5 }; ErrorId = 'PortOne.Redirected,PortOne.Commands.GetPortOnePaymentCommand' }
    ) {
        if ($Fault) { Set-EmulatorFault $emu $Fault }
        try {
            $thrown = $null
            try { & $Script -ErrorAction Stop } catch { $thrown = $_ }
        } finally {
            if ($Fault) { Set-EmulatorFault $emu @{} }
            Connect-PortOne -Credential $emu.Credential -ApiBaseUri $emu.BaseUri -MaxRetries 8
        }
        $thrown | Should -Not -BeNullOrEmpty
        $thrown.FullyQualifiedErrorId | Should -Be $ErrorId
        $thrown.ScriptStackTrace + $thrown.Exception.Message | Should -Not -Match 'at PortOne\.'
        if ($ErrorId -like 'PortOne.*') { $thrown.ErrorDetails.RecommendedAction | Should -Not -BeNullOrEmpty }
    }

    It 'stops at a payment with <Shape>, naming the field and the request' -ForEach @(
        @{ Shape = 'timestampMs'; Says = 'list\[\d+\]\.started_at is \d{13}, not a time in unix seconds \(it looks like milliseconds\)'; LookupSays = '\$\.response\.started_at' }
        @{ Shape = 'timestampOutOfRange'; Says = 'list\[\d+\]\.started_at is 99999999999999999, not a time in unix seconds'; LookupSays = '\$\.response\.started_at' }
        @{ Shape = 'impUidNull'; Says = 'payment at \$\.response\.list\[\d+\] \(merchant_uid order_\d+_\d+\) has "imp_uid": null'; LookupSays = '"imp_uid": null' }
        @{ Shape = 'impUidMissing'; Says = 'payment at \$\.response\.list\[\d+\] \(merchant_uid order_\d+_\d+\) has no imp_uid'; LookupSays = 'no imp_uid' }
    ) {
        $one = Get-PortOnePayment -Status Paid -First 1
        Set-EmulatorFault $emu @{ badPaymentRate = 1.0; badPayment = $Shape }
        try {
            $export = $null; $lookup = $null; $written = @()
            try { Get-PortOnePayment -Status Paid -First 50 -ErrorAction Stop | ForEach-Object { $written += $_ } } catch { $export = $_ }
            try { Get-PortOnePayment -ImpUid $one.ImpUid -ErrorAction Stop } catch { $lookup = $_ }
        } finally { Set-EmulatorFault $emu @{} }
        $export.FullyQualifiedErrorId | Should -Be 'PortOne.InvalidResponse,PortOne.Commands.GetPortOnePaymentCommand'
        $export.ErrorDetails.Message | Should -Match 'payments/status/paid\?page=1&limit=100'
        $export.ErrorDetails.Message | Should -Match $Says
        $export.ErrorDetails.RecommendedAction | Should -Not -BeNullOrEmpty
        $export.Exception | Should -BeOfType PortOne.PortOneException
        $written.Count | Should -Be 0 -Because 'no payment of an unusable page is written'
        $lookup.FullyQualifiedErrorId | Should -Be 'PortOne.InvalidResponse,PortOne.Commands.GetPortOnePaymentCommand'
        $lookup.ErrorDetails.Message | Should -Match ([regex]::Escape("payments/$($one.ImpUid)"))
        $lookup.ErrorDetails.Message | Should -Match $LookupSays
    }

    It 'prints -From and -To as local times with their offset, never labelled UTC' {
        # Seoul, so that a local time wrongly labelled Z would be nine hours off.
        $savedZone = $env:TZ
        try {
            $env:TZ = 'Asia/Seoul'; [TimeZoneInfo]::ClearCachedData()
            $reversed = $future = $null
            try { Get-PortOnePayment -From '2026-07-02' -To '2026-07-01 12:30' -ErrorAction Stop } catch { $reversed = $_ }
            try { Get-PortOnePayment -From ([DateTime]::Now.Date.AddDays(3)) -ErrorAction Stop } catch { $future = $_ }
            $connected = Connect-PortOne -Credential $emu.Credential -ApiBaseUri $emu.BaseUri -MaxRetries 8 -Verbose 4>&1 | Where-Object Message -like 'Connected*'
        } finally { $env:TZ = $savedZone; [TimeZoneInfo]::ClearCachedData() }
        $reversed.ErrorDetails.Message | Should -BeExactly '-From (2026-07-02 00:00:00 +09:00) is after -To (2026-07-01 12:30:00 +09:00).'
        $future.FullyQualifiedErrorId | Should -Be 'PortOne.InvalidDateRange,PortOne.Commands.GetPortOnePaymentCommand'
        $future.ErrorDetails.Message | Should -Match '^-From \(\d{4}-\d\d-\d\d 00:00:00 \+09:00\) is in the future'
        $connected.Message | Should -Match '^Connected; the token expires at \d{4}-\d\d-\d\d \d\d:\d\d:\d\d \+09:00\.$'
    }

    It 'carries the API code and message of a 200 with code != 0' {
        Set-EmulatorFault $emu @{ codeNonZeroRate = 1.0 }
        try {
            $thrown = $null; try { Get-PortOnePayment -First 5 -ErrorAction Stop } catch { $thrown = $_ }
            # What the server really said, read apart from the module.
            $raw = (Invoke-WebRequest -Uri ($emu.BaseUri + 'payments/status/paid?limit=1') -SkipHttpErrorCheck).Content | ConvertFrom-Json
        }
        finally { Set-EmulatorFault $emu @{} }
        $raw.code | Should -Not -Be 0
        $thrown.Exception.ApiCode | Should -Be $raw.code
        $thrown.Exception.ApiMessage | Should -BeExactly $raw.message
        $thrown.ErrorDetails.Message | Should -Match ([regex]::Escape($raw.message))
    }

    It 'keeps unknown fields and enum values instead of failing' {
        $to = Get-Date; $from = $to.AddDays(-120)
        $all = @(Get-PortOnePayment -Status All -From $from -To $to)
        # The same payments as the API sends them, read apart from the module: which carry fields the spec does not
        # list, and which a pay_method outside the spec's values.
        $raw = Get-RawPayment $emu -From (Unix $from) -To (Unix $to)
        $unknownFields = @($raw | Where-Object { $_.UnknownFields.Count })
        $unknownFields.Count | Should -BeGreaterThan 0 -Because 'the emulator sends undocumented fields'
        $withExtra = @($all | Where-Object AdditionalFields)
        ($withExtra.ImpUid | Sort-Object) | Should -Be ($unknownFields.ImpUid | Sort-Object)
        $byId = @{}; foreach ($p in $withExtra) { $byId[$p.ImpUid] = $p }
        foreach ($r in $unknownFields) { (@($byId[$r.ImpUid].AdditionalFields.Keys) | Sort-Object) | Should -Be ($r.UnknownFields | Sort-Object) }
        $known = Get-SpecEnum 'pay_method'
        $odd = @($raw | Where-Object { $_.PayMethod -and $_.PayMethod -notin $known })
        $odd.Count | Should -BeGreaterThan 0 -Because 'the emulator sends undocumented pay_method values'
        $kept = @($all | Where-Object { $_.PayMethod -and $_.PayMethod -notin $known })
        ($kept | ForEach-Object { "$($_.ImpUid) $($_.PayMethod)" } | Sort-Object) | Should -Be ($odd | ForEach-Object { "$($_.ImpUid) $($_.PayMethod)" } | Sort-Object)
    }

    It 'makes a missing payment a non-terminating error and goes on' {
        $one = Get-PortOnePayment -First 1
        $found = @(Get-PortOnePayment -ImpUid 'imp_nope', $one.ImpUid -ErrorVariable missing -ErrorAction SilentlyContinue)
        $found.ImpUid | Should -Be $one.ImpUid
        $missing[0].FullyQualifiedErrorId | Should -Be 'PortOne.NotFound,PortOne.Commands.GetPortOnePaymentCommand'
        $missing[0].Exception.ApiMessage | Should -Be '존재하지 않는 결제정보입니다.'
    }
}

Describe 'Unforeseen failures' {
    BeforeAll {
        # A cmdlet on the module's own base class, whose work fails the way a bug would: what leaves it is the rule under test.
        $portOneDll = [PortOne.Commands.PortOneCmdlet].Assembly.Location
        # PortOne.dll is netstandard2.0 built against PowerShell Standard: the facade and the 3.0-versus-7.x warnings go with it.
        $references = $portOneDll, [System.Reflection.Assembly]::Load('netstandard').Location, [System.Management.Automation.PSCmdlet].Assembly.Location
        $types = Add-Type -PassThru -IgnoreWarnings -WarningAction SilentlyContinue -ReferencedAssemblies $references -TypeDefinition @'
using System;
using System.Management.Automation;
namespace PortOneTests
{
    [Cmdlet("Invoke", "PortOneFaultyWork")]
    public sealed class InvokePortOneFaultyWork : PortOne.Commands.PortOneCmdlet
    {
        [Parameter] public string Fault { get; set; } = "";
        protected override void ProcessRecord()
        {
            Run(() =>
            {
                WriteObject(1);
                WriteObject(2);
                if (Fault == "NullReference") throw new NullReferenceException("a bug");
                if (Fault == "ArgumentOutOfRange") throw new ArgumentOutOfRangeException("seconds", "a bug");
                if (Fault == "OperationCanceled") throw new OperationCanceledException("a timeout, not Ctrl+C");
            }, "the target");
        }
    }
}
'@
        Import-Module -Assembly $types[0].Assembly
    }

    It 'turns <Fault>Exception into PortOne.UnexpectedError with the original inside' -ForEach @(
        @{ Fault = 'NullReference' }, @{ Fault = 'ArgumentOutOfRange' }, @{ Fault = 'OperationCanceled' }
    ) {
        $written = @(); $thrown = $null
        try { Invoke-PortOneFaultyWork -Fault $Fault -ErrorAction Stop | ForEach-Object { $written += $_ } } catch { $thrown = $_ }
        $written | Should -Be 1, 2
        $thrown.FullyQualifiedErrorId | Should -Be 'PortOne.UnexpectedError,PortOneTests.InvokePortOneFaultyWork'
        $thrown.CategoryInfo.Category | Should -Not -Be 'NotSpecified'
        $thrown.TargetObject | Should -Be 'the target'
        $thrown.Exception | Should -BeOfType PortOne.PortOneException
        $thrown.Exception.InnerException.GetType().Name | Should -Be "$($Fault)Exception"
        $thrown.ErrorDetails.Message | Should -Match "Invoke-PortOneFaultyWork failed unexpectedly: System\.$($Fault)Exception"
        $thrown.ErrorDetails.RecommendedAction | Should -Not -BeNullOrEmpty
    }

    It 'lets PowerShell stop the pipeline (Select-Object -First) untouched' {
        $Error.Clear()
        Invoke-PortOneFaultyWork -Fault NullReference | Select-Object -First 1 | Should -Be 1
        $Error.Count | Should -Be 0
    }

    It 'lets a later command''s own error through as that command''s' {
        $thrown = $null
        try { Invoke-PortOneFaultyWork | ForEach-Object { throw 'downstream broke' } } catch { $thrown = $_ }
        $thrown.Exception.Message | Should -Be 'downstream broke'
        $thrown.FullyQualifiedErrorId | Should -Be 'downstream broke'
    }
}
