//! Speech to Opus in Ogg (RFC 7845) at 16 kbit/s, mono (wideband speech:
//! three minutes is about 250 KB on a phone's mobile data), with `opus-pure`
//! (no C library to install, so `cargo run` still builds on a bare machine;
//! its files are checked by `opusinfo`/`opusdec` and Chromium in the tests).
//! Engines' odd rates (espeak-ng's 22,050 Hz) are resampled to 16 kHz with
//! `rubato` first: Opus takes 8, 12, 16, 24 or 48 kHz.

use anyhow::Context;
use opus_pure::{Application, MAX_PACKET_BYTES, OggOpusWriter, OpusEncoder, OpusHead};
use rubato::audioadapter_buffers::direct::InterleavedSlice;
use rubato::{Fft, FixedSync, Resampler};

use super::engines::Pcm;

/// Speech needs no more; the ceiling is 32.
pub const BITRATE: i32 = 16_000;
/// Of 10: a third of the time of 10 for 2 % more bytes (measured on
/// three minutes of espeak-ng English).
const COMPLEXITY: i32 = 5;
const OPUS_RATES: [u32; 5] = [8_000, 12_000, 16_000, 24_000, 48_000];

/// Silence between lines, in seconds.
pub fn silence(rate: u32, seconds: f32) -> Vec<f32> {
    vec![0.0; (rate as f32 * seconds) as usize]
}

/// A recording encoded as it is spoken, line by line: only one line's
/// samples and the compressed file are ever held.
pub struct Stream {
    encoder: OpusEncoder,
    writer: OggOpusWriter<Vec<u8>>,
    /// The engine's rate, and the encoder's (the same, or 16 kHz).
    input_rate: u32,
    rate: u32,
    frame: usize,
    pre_skip: u64,
    /// Samples at the encoder's rate not yet a whole frame.
    pending: Vec<f32>,
    /// Samples at the encoder's rate given so far.
    total: u64,
    packet: Vec<u8>,
}

impl Stream {
    pub fn new(input_rate: u32) -> anyhow::Result<Stream> {
        let rate = if OPUS_RATES.contains(&input_rate) {
            input_rate
        } else {
            16_000
        };
        let mut encoder = OpusEncoder::new(rate as i32, 1, Application::Voip).context("opus encoder")?;
        encoder.bitrate_bps = BITRATE;
        encoder.complexity = COMPLEXITY;
        let head = OpusHead::for_encoder(&encoder, rate);
        let pre_skip = u64::from(head.pre_skip);
        Ok(Stream {
            writer: OggOpusWriter::new(Vec::new(), head).context("ogg writer")?,
            encoder,
            input_rate,
            rate,
            frame: (rate / 50) as usize, // 20 ms
            pre_skip,
            pending: Vec::new(),
            total: 0,
            packet: vec![0u8; MAX_PACKET_BYTES],
        })
    }

    pub fn input_rate(&self) -> u32 {
        self.input_rate
    }

    /// The length so far.
    pub fn seconds(&self) -> f64 {
        self.total as f64 / f64::from(self.rate)
    }

    /// More samples at the engine's rate.
    pub fn push(&mut self, samples: &[f32]) -> anyhow::Result<()> {
        let resampled;
        let samples = if self.input_rate == self.rate {
            samples
        } else {
            resampled = resample(samples, self.input_rate, self.rate)?;
            &resampled
        };
        self.total += samples.len() as u64;
        self.pending.extend_from_slice(samples);
        self.encode_whole_frames(None)
    }

    fn encode_whole_frames(&mut self, last_duration: Option<u64>) -> anyhow::Result<()> {
        let frames = self.pending.len() / self.frame;
        for i in 0..frames {
            let block = &self.pending[i * self.frame..(i + 1) * self.frame];
            let n = self
                .encoder
                .encode(block, self.frame, &mut self.packet)
                .context("opus encode")?;
            match last_duration {
                Some(end) if i + 1 == frames => {
                    let duration = end.saturating_sub(self.writer.granule() as u64);
                    self.writer
                        .write_packet_with_duration(&self.packet[..n], duration as u32)?
                }
                _ => self.writer.write_packet(&self.packet[..n])?,
            }
        }
        self.pending.drain(..frames * self.frame);
        Ok(())
    }

    /// The Ogg Opus file, ending exactly where the speech ends: silence
    /// flushes the encoder's delay, and the last packet's granule trims
    /// the padding (RFC 7845 4.4).
    pub fn finish(mut self) -> anyhow::Result<Vec<u8>> {
        let ticks = u64::from(48_000 / self.rate);
        let flush = self.pre_skip.div_ceil(ticks) as usize;
        self.pending.extend(std::iter::repeat_n(0.0, flush));
        let padded = self.pending.len().div_ceil(self.frame) * self.frame;
        self.pending.resize(padded, 0.0);
        let end = self.pre_skip + self.total * ticks;
        self.encode_whole_frames(Some(end))?;
        Ok(self.writer.finish()?)
    }
}

/// A whole recording at once (tests, short clips).
pub fn encode(pcm: &Pcm) -> anyhow::Result<Vec<u8>> {
    let mut stream = Stream::new(pcm.rate)?;
    stream.push(&pcm.samples)?;
    stream.finish()
}

/// One line's samples at another rate (lines are resampled one by one:
/// the silence between them hides the edges).
fn resample(samples: &[f32], from: u32, to: u32) -> anyhow::Result<Vec<f32>> {
    if samples.is_empty() {
        return Ok(Vec::new());
    }
    let mut resampler =
        Fft::<f32>::new(from as usize, to as usize, 1024, 1, FixedSync::Input).context("resampler")?;
    let input = InterleavedSlice::new(samples, 1, samples.len()).context("resampler input")?;
    let out = resampler
        .process_all(&input, samples.len(), None)
        .context("resampling")?;
    Ok(out.take_data())
}

#[cfg(test)]
mod tests {
    use super::*;
    use opus_pure::OggOpusReader;

    fn tone(rate: u32, seconds: f32) -> Pcm {
        let n = (rate as f32 * seconds) as usize;
        Pcm {
            rate,
            samples: (0..n)
                .map(|i| 0.3 * (i as f32 * 440.0 * std::f32::consts::TAU / rate as f32).sin())
                .collect(),
        }
    }

    /// The length the file says it has: its last granule, less the pre-skip.
    pub fn seconds(file: &[u8]) -> f64 {
        let mut reader = OggOpusReader::new(std::io::Cursor::new(file)).unwrap();
        let pre_skip = i64::from(reader.head().pre_skip);
        let last = reader
            .packets()
            .map(|p| p.unwrap().page_granule)
            .max()
            .unwrap_or(0);
        (last - pre_skip) as f64 / 48_000.0
    }

    #[test]
    fn a_recording_pushed_line_by_line_is_as_long_as_its_lines() {
        let mut stream = Stream::new(22_050).unwrap();
        for _ in 0..3 {
            stream.push(&tone(22_050, 0.7).samples).unwrap();
            stream.push(&silence(22_050, 0.35)).unwrap();
        }
        let file = stream.finish().unwrap();
        let seconds = seconds(&file);
        assert!((seconds - 3.15).abs() < 0.01, "{seconds} s");
    }

    #[test]
    fn a_recording_is_ogg_opus_of_the_same_length_under_32_kbits() {
        for rate in [22_050, 48_000] {
            let file = encode(&tone(rate, 2.5)).unwrap();
            assert_eq!(&file[..4], b"OggS");
            assert_eq!(&file[28..36], b"OpusHead");
            let seconds = seconds(&file);
            assert!((seconds - 2.5).abs() < 0.01, "{rate} Hz: {seconds} s");
            let kbits = file.len() as f64 * 8.0 / seconds / 1000.0;
            assert!(kbits <= 32.0, "{rate} Hz: {kbits} kbit/s");
        }
    }
}
