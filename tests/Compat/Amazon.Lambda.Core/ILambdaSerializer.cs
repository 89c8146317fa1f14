using System.IO;

namespace Amazon.Lambda.Core;

public interface ILambdaSerializer
{
    T Deserialize<T>(Stream requestStream);

    void Serialize<T>(T response, Stream responseStream);
}
