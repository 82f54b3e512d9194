# Get-PortOnePayment's forms as Get-Help shows them and tab completion offers them: the everyday read first, then the
# lookups, then the resumable export; combinations that fit no form still get the module's own explanation.
BeforeAll {
    Import-Module $env:PORTONE_TEST_SUPPORT -Force
    Import-Module $env:PORTONE_TEST_MODULE -Force
    $script:checkpointOnly = 'Checkpoint', 'SettleLag', 'Overlap', 'RefundHorizon'

    function script:Get-SyntaxName($Item) { @($Item.parameter | ForEach-Object name) }
}

Describe 'Get-Help Get-PortOnePayment' {
    BeforeAll {
        $script:items = @((Get-Help Get-PortOnePayment).syntax.syntaxItem)
    }

    It 'shows three forms' {
        $items.Count | Should -Be 3
    }

    It 'shows the everyday form first: -Status -From -To -Before -Sort, nothing of -Checkpoint' {
        $names = Get-SyntaxName $items[0]
        $names | Select-Object -First 5 | Should -Be @('Status', 'From', 'To', 'Before', 'Sort')
        $names | Where-Object { $_ -in $checkpointOnly } | Should -BeNullOrEmpty
        $names | Where-Object { $_ -in 'ImpUid', 'MerchantUid' } | Should -BeNullOrEmpty
    }

    It 'shows the lookups second' {
        $names = Get-SyntaxName $items[1]
        $names | Select-Object -First 2 | Should -Be @('ImpUid', 'MerchantUid')
        $names | Where-Object { $_ -in @('Status', 'From', 'To') + $checkpointOnly } | Should -BeNullOrEmpty
    }

    It 'shows -Checkpoint last, required there, with its own options and without -To or -Before' {
        $item = $items[2]
        $names = Get-SyntaxName $item
        $names | Select-Object -First 2 | Should -Be @('Status', 'Checkpoint')
        ($item.parameter | Where-Object name -EQ 'Checkpoint').required | Should -Be 'true'
        foreach ($name in $checkpointOnly) { $names | Should -Contain $name }
        $names | Should -Contain 'From'
        $names | Where-Object { $_ -in 'To', 'Before', 'ImpUid', 'MerchantUid' } | Should -BeNullOrEmpty
    }

    It 'prints -From before -Checkpoint on the screen' {
        $text = Get-Help Get-PortOnePayment | Out-String -Width 4000
        $syntax = [regex]::Match($text, '(?s)SYNTAX(.*?)DESCRIPTION').Groups[1].Value
        $syntax.IndexOf('-From') | Should -BeLessThan $syntax.IndexOf('-Checkpoint')
        $syntax.IndexOf('-ImpUid') | Should -BeLessThan $syntax.IndexOf('-Checkpoint')
    }
}

Describe 'Combinations that fit no form' {
    BeforeAll {
        $script:emu = Start-PortOneEmulator -ArgumentList '--payments', '300'
        Connect-PortOne -Credential $emu.Credential -ApiBaseUri $emu.BaseUri
    }
    AfterAll {
        Disconnect-PortOne
        $emu | Stop-PortOneEmulator
    }

    It 'refuses <Case> with the module''s own explanation, before any request' -ForEach @(
        @{ Case = '-Before with -Checkpoint'; Parameters = @{ Checkpoint = 'x.checkpoint'; Before = (Get-Date).Date }; Named = '-Before' }
        @{ Case = '-To with -Checkpoint'; Parameters = @{ Checkpoint = 'x.checkpoint'; To = (Get-Date) }; Named = '-To' }
        @{ Case = '-Overlap without -Checkpoint'; Parameters = @{ Overlap = '00:05:00' }; Named = '-Overlap' }
    ) {
        Reset-EmulatorRequest $emu
        Remove-Item (Join-Path $TestDrive 'x.checkpoint*') -ErrorAction Ignore
        Push-Location $TestDrive
        try {
            $err = { Get-PortOnePayment @Parameters } | Should -Throw -PassThru
            $err.FullyQualifiedErrorId | Should -Be 'PortOne.InvalidCheckpointParameter,PortOne.Commands.GetPortOnePaymentCommand'
            $err.Exception.Message | Should -Match ([regex]::Escape($Named))
            'x.checkpoint' | Should -Not -Exist
        }
        finally { Pop-Location }
        @(Get-EmulatorRequest $emu -PathLike '/payments*').Count | Should -Be 0
    }
}

Describe 'Tab completion of -Sort' {
    It 'completes <Typed> to <Expected>' -ForEach @(
        @{ Typed = 'Get-PortOnePayment -Sort pa'; Expected = @('paid', 'PaidAscending', 'PaidDescending') }
        @{ Typed = "Get-PortOnePayment -Sort '-pa"; Expected = @("'-paid'") }
        @{ Typed = 'Get-PortOnePayment -Status Paid -Checkpoint x -Sort Up'; Expected = @('updated', 'UpdatedAscending', 'UpdatedDescending') }
    ) {
        $completions = (TabExpansion2 -inputScript $Typed -cursorColumn $Typed.Length).CompletionMatches.CompletionText
        @($completions | Sort-Object) | Should -Be $Expected
    }

    It 'help says how to complete an API spelling, since -pa<Tab> completes -PageSize' {
        # PowerShell reads an unquoted word starting with a minus as a parameter name; no completer is asked.
        $typed = 'Get-PortOnePayment -Sort -pa'
        (TabExpansion2 -inputScript $typed -cursorColumn $typed.Length).CompletionMatches.CompletionText | Should -Be '-PageSize'
        $help = (Get-Help Get-PortOnePayment -Parameter Sort).description.Text -join "`n"
        $help | Should -Match ([regex]::Escape("-Sort '-pa<Tab>"))
        $help | Should -Match ([regex]::Escape('-Sort pa<Tab>'))
        $help | Should -Match '-PageSize'
    }
}
