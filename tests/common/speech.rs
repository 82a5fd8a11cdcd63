//! A stand-in speech engine for the audio tests.

use std::path::PathBuf;

use madoguchi::audio::EngineConfig;

/// A stand-in for espeak-ng: lists `voices`, tells its version, reads any
/// word (`-x`), waits
/// while `gate` exists, fails for the voices in `fails` until repaired, and
/// otherwise
/// writes half a second of tone wherever `-w` says.
pub struct FakeEngine {
    dir: tempfile::TempDir,
}

impl FakeEngine {
    pub fn new(voices: &[&str], fails: &[&str]) -> FakeEngine {
        let dir = tempfile::tempdir().unwrap();
        let wav = dir.path().join("tone.wav");
        let spec = hound::WavSpec {
            channels: 1,
            sample_rate: 22_050,
            bits_per_sample: 16,
            sample_format: hound::SampleFormat::Int,
        };
        let mut w = hound::WavWriter::create(&wav, spec).unwrap();
        for i in 0..11_025 {
            let s = (i as f32 * 440.0 * std::f32::consts::TAU / 22_050.0).sin();
            w.write_sample((s * 8_000.0) as i16).unwrap();
        }
        w.finalize().unwrap();
        let listed: String = voices
            .iter()
            .map(|v| format!("  echo ' 5  {v}  M  fake-{v}  fake/{v}'\n"))
            .collect();
        let gate = dir.path().join("gate");
        let calls = dir.path().join("calls");
        let failures = dir.path().join("failures");
        let broken = dir.path().join("broken");
        std::fs::write(&broken, "").unwrap();
        let failing: String = fails
            .iter()
            .map(|v| {
                format!(
                    "if [ -e '{}' ]; then case \" $* \" in *\" -v {v} \"*) echo x >> '{}'; exit 1;; esac; fi\n",
                    broken.display(),
                    failures.display()
                )
            })
            .collect();
        let script = format!(
            "#!/bin/sh\n\
             if [ \"$1\" = --voices ]; then\n  echo 'Pty Language Age/Gender VoiceName File Other Languages'\n{listed}  exit 0\nfi\n\
             case \" $* \" in *\" -x \"*) echo fake-phonemes; exit 0;; esac\n\
             if [ \"$1\" = --version ]; then echo 'fake-espeak 1.0'; exit 0; fi\n\
             while [ -e '{gate}' ]; do sleep 0.02; done\n\
             {failing}\
             out=''\nwhile [ $# -gt 0 ]; do if [ \"$1\" = -w ]; then out=\"$2\"; fi; shift; done\n\
             echo x >> '{calls}'\n\
             cp '{wav}' \"$out\"\n",
            gate = gate.display(),
            calls = calls.display(),
            wav = wav.display(),
        );
        let bin = dir.path().join("espeak-ng");
        std::fs::write(&bin, script).unwrap();
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&bin, std::fs::Permissions::from_mode(0o755)).unwrap();
        FakeEngine { dir }
    }

    pub fn config(&self) -> EngineConfig {
        EngineConfig {
            // No Open JTalk: Japanese gets no recording here.
            open_jtalk: Some(self.dir.path().join("no-open-jtalk")),
            espeak: Some(self.dir.path().join("espeak-ng")),
            ..EngineConfig::default()
        }
    }

    pub fn gate(&self) -> PathBuf {
        self.dir.path().join("gate")
    }

    pub fn hold(&self) {
        std::fs::write(self.gate(), "").unwrap();
    }

    pub fn release(&self) {
        std::fs::remove_file(self.gate()).unwrap();
    }

    /// The voices in `fails` work from now on.
    pub fn repair(&self) {
        std::fs::remove_file(self.dir.path().join("broken")).unwrap();
    }

    /// Lines spoken.
    pub fn calls(&self) -> usize {
        self.count("calls")
    }

    /// Runs that failed.
    pub fn failures(&self) -> usize {
        self.count("failures")
    }

    fn count(&self, file: &str) -> usize {
        std::fs::read_to_string(self.dir.path().join(file))
            .map(|s| s.lines().count())
            .unwrap_or(0)
    }
}
