package io.cubeintegration.sink;

import java.io.ByteArrayOutputStream;
import java.util.List;

import org.apache.camel.Body;
import org.apache.camel.Message;

/** Turns a batch of marshalled records into JSON Lines: each record's bytes as they are, then a newline. */
public final class JsonLines {

    public byte[] join(@Body List<Message> batch) {
        ByteArrayOutputStream lines = new ByteArrayOutputStream();
        for (Message record : batch) {
            lines.writeBytes(record.getBody(byte[].class));
            lines.write('\n');
        }
        return lines.toByteArray();
    }
}
