using System.Buffers.Binary;
using System.IO.Compression;

namespace PruningGame.Data;

/// <summary>The payload of an IDX file: unsigned bytes with their dimensions.</summary>
public sealed record IdxArray(int[] Dimensions, byte[] Data)
{
    public int Count => Dimensions[0];
}

/// <summary>
/// Reads IDX files (LeCun's MNIST format: magic 0x0000 08 NN, NN dimensions as big-endian int32, then unsigned
/// bytes), gzipped or raw. Every malformed input is refused with a <see cref="DatasetException"/> naming the file.
/// </summary>
public static class IdxReader
{
    private const byte UnsignedByteType = 0x08;

    public static byte[] ReadAllBytes(string path)
    {
        if (!File.Exists(path)) throw new DatasetException($"Dataset file '{path}' does not exist.");
        var raw = File.ReadAllBytes(path);
        if (raw.Length < 2 || raw[0] != 0x1f || raw[1] != 0x8b) return raw;
        try
        {
            using var gzip = new GZipStream(new MemoryStream(raw), CompressionMode.Decompress);
            using var output = new MemoryStream(raw.Length * 4);
            gzip.CopyTo(output);
            return output.ToArray();
        }
        catch (InvalidDataException e)
        {
            throw new DatasetException($"Dataset file '{path}' starts like gzip but cannot be decompressed ({e.Message}); the file is damaged: delete it and fetch it again.", e);
        }
    }

    public static IdxArray Read(string path, int expectedDimensions) => Parse(ReadAllBytes(path), path, expectedDimensions);

    public static IdxArray Parse(byte[] bytes, string path, int expectedDimensions)
    {
        if (bytes.Length < 4 || bytes[0] != 0 || bytes[1] != 0 || bytes[2] != UnsignedByteType)
            throw new DatasetException($"Dataset file '{path}' is not an IDX file of unsigned bytes: wrong magic number " +
                                       $"({(bytes.Length >= 4 ? Convert.ToHexString(bytes, 0, 4) : "file shorter than 4 bytes")}, expected 000008{expectedDimensions:X2}).");
        var dimensions = bytes[3];
        if (dimensions != expectedDimensions)
            throw new DatasetException($"Dataset file '{path}' has {dimensions} dimensions, expected {expectedDimensions} (is it an image file where labels were expected, or the reverse?).");
        var headerLength = 4 + 4 * dimensions;
        if (bytes.Length < headerLength)
            throw new DatasetException($"Dataset file '{path}' is truncated: its header needs {headerLength} bytes, the file has {bytes.Length}.");
        var shape = new int[dimensions];
        long payload = 1;
        for (var d = 0; d < dimensions; d++)
        {
            shape[d] = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(4 + 4 * d));
            if (shape[d] < 0) throw new DatasetException($"Dataset file '{path}' declares a negative size ({shape[d]}) for dimension {d}.");
            payload *= shape[d];
        }
        if (bytes.Length - headerLength != payload)
            throw new DatasetException($"Dataset file '{path}' is {(bytes.Length - headerLength < payload ? "truncated" : "too long")}: " +
                                       $"the header ({string.Join("×", shape)}) promises {payload} data bytes, the file has {bytes.Length - headerLength}.");
        return new IdxArray(shape, bytes[headerLength..]);
    }

    /// <summary>Writes an IDX file (raw, or gzipped when the path ends in .gz). Used for fixtures and caches.</summary>
    public static void Write(string path, IdxArray array)
    {
        var header = new byte[4 + 4 * array.Dimensions.Length];
        header[2] = UnsignedByteType;
        header[3] = (byte)array.Dimensions.Length;
        for (var d = 0; d < array.Dimensions.Length; d++)
            BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4 + 4 * d), array.Dimensions[d]);
        using var file = File.Create(path);
        using Stream target = path.EndsWith(".gz", StringComparison.Ordinal) ? new GZipStream(file, CompressionLevel.Fastest) : file;
        target.Write(header);
        target.Write(array.Data);
    }
}
