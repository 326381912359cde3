using System.Diagnostics;
using PruningGame.Configuration;
using PruningGame.Experiments;
using PruningGame.RunRecords;
using PruningGame.Tests.Training;
using PruningGame.Training;

namespace PruningGame.Tests.Configuration;

/// <summary>Run folders written before issue 16's renames: refused with the way out, and migrated by the committed script.</summary>
public sealed class RenamedFieldsTests
{
    /// <summary>The old spelling of each file a current writer writes: (file, new text, old text), replaced once each.</summary>
    private static readonly (string File, string New, string Old)[] OldSpellings =
    [
        ("config.json", "\"label\":", "\"preset\":"),
        ("summary.json", "\"label\":", "\"preset\":"),
        ("summary.json", "\"denseMultiplyAdds\":", "\"denseFlops\":"),
        ("summary.json", "\"compactMultiplyAdds\":", "\"compactFlops\":"),   // the top level first
        ("summary.json", "\"compactMultiplyAdds\":", "\"compactFlops\":"),   // then criteria.Participation
        ("summary.json", "\"compactMultiplyAdds\":", "\"compactFlops\":"),   // and criteria.EffectiveNorm
        ("participation.csv", ",gated_theta_norm,", ",effective_norm,"),
        ("configs/baseline-seed1.json", "\"label\":", "\"preset\":"),
        ("configs/baseline-seed1.json", "\"epsilon\":", "\"threshold\":"),   // a baseline config has no game options, so its one ε
    ];

    /// <summary>A finished tiny game run, plus a baseline's sweep config beside it (the files the migration rewrites).</summary>
    private static string CurrentFolder()
    {
        var root = TinyProblem.TempRoot();
        using var data = TinyProblem.Data();
        var folder = new Trainer().Run(TinyProblem.Config("renamed", epochs: 1), data, root, TinyProblem.Environment).Folder;
        var baseline = TinyProblem.Config("renamed", epochs: 2) with
        {
            Method = MethodSpec.ForBaseline("slimming", new BaselineOptions { TargetSparsity = 0.5, Strength = 1e-4, FineTuneEpochs = 1 }),
        };
        Directory.CreateDirectory(Path.Combine(folder, "configs"));
        File.WriteAllText(Path.Combine(folder, "configs", "baseline-seed1.json"), baseline.ToJson());
        return folder;
    }

    private static void WriteOldSpelling(string folder)
    {
        foreach (var (file, now, old) in OldSpellings)
        {
            var path = Path.Combine(folder, file);
            var text = File.ReadAllText(path);
            var at = text.IndexOf(now, StringComparison.Ordinal);
            Assert.True(at >= 0, $"{file} has no {now}");
            File.WriteAllText(path, text[..at] + old + text[(at + now.Length)..]);
        }
    }

    [Fact]
    public void A_summary_with_an_old_name_is_refused_naming_the_file_the_field_and_the_migration()
    {
        var folder = CurrentFolder();
        WriteOldSpelling(folder);
        var path = Path.Combine(folder, RunFiles.Summary);

        var error = Assert.Throws<InvalidDataException>(() => SummaryJson.Read(path));
        Assert.Contains(path, error.Message);
        Assert.Contains("'label'", error.Message);
        Assert.Contains("'preset' (now 'label')", error.Message);
        Assert.Contains("build/migrations/issue16_names.py", error.Message);
    }

    [Fact]
    public void A_config_with_an_old_name_is_refused_naming_the_migration()
    {
        var folder = CurrentFolder();
        WriteOldSpelling(folder);

        var error = Assert.Throws<InvalidDataException>(() => RunConfig.Load(Path.Combine(folder, RunFiles.Config)));
        Assert.Contains("'preset' (now 'label')", error.Message);
        Assert.Contains("build/migrations/issue16_names.py", error.Message);
    }

    [Fact]
    public void The_migration_script_turns_the_old_files_into_exactly_what_the_writer_writes_now()
    {
        var folder = CurrentFolder();
        var current = OldSpellings.Select(o => o.File).Distinct().ToDictionary(f => f, f => File.ReadAllText(Path.Combine(folder, f)));
        WriteOldSpelling(folder);
        Assert.All(current, kv => Assert.NotEqual(kv.Value, File.ReadAllText(Path.Combine(folder, kv.Key))));

        for (var pass = 1; pass <= 2; pass++)   // the second pass finds nothing to do
        {
            var start = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add(Path.Combine(Repository.Root(), "build", "migrations", "issue16_names.py"));
            start.ArgumentList.Add(folder);
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, output);
            Assert.All(current, kv => Assert.Equal(kv.Value, File.ReadAllText(Path.Combine(folder, kv.Key))));
        }
        Assert.Equal("tiny", Assert.Single(RunSummaries.Load(folder)).Label);
    }
}
