package io.cmkguard.oci.http;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.BeanPropertyWriter;
import com.fasterxml.jackson.databind.ser.PropertyWriter;
import com.fasterxml.jackson.databind.ser.impl.SimpleBeanPropertyFilter;
import com.fasterxml.jackson.databind.ser.impl.SimpleFilterProvider;
import com.fasterxml.jackson.databind.util.StdDateFormat;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.oracle.bmc.http.client.Serializer;
import com.oracle.bmc.http.client.internal.ExplicitlySetBmcModel;

import java.io.IOException;
import java.text.FieldPosition;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.List;

/**
 * OCI's wire JSON, configured as the SDK's own Jackson serializer is: unknown fields ignored, dates
 * as RFC 3339 with milliseconds, java.time types, and a model's null fields written only when they
 * were set explicitly (the SDK's "explicitly set" filter, which every model class names).
 */
public final class SdkJson implements Serializer {
    public static final SdkJson INSTANCE = new SdkJson();

    private final ObjectMapper mapper = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS, false)
            .setDateFormat(new Rfc3339())
            .registerModule(new JavaTimeModule())
            .setFilterProvider(new SimpleFilterProvider()
                    .addFilter(ExplicitlySetBmcModel.EXPLICITLY_SET_FILTER_NAME, new ExplicitlySet()));

    private SdkJson() {
    }

    @Override
    public <T> T readValue(String s, Class<T> type) throws IOException {
        return mapper.readValue(s, type);
    }

    @Override
    public <T> T readValue(byte[] bytes, Class<T> type) throws IOException {
        return mapper.readValue(bytes, type);
    }

    /** A JSON array of {@code type}. */
    public <T> List<T> readList(byte[] bytes, Class<T> type) throws IOException {
        JavaType listType = mapper.getTypeFactory().constructCollectionType(List.class, type);
        return mapper.readValue(bytes, listType);
    }

    @Override
    public String writeValueAsString(Object o) throws IOException {
        return mapper.writeValueAsString(o);
    }

    /**
     * Writes dates as OCI does (UTC, always with milliseconds); reads any ISO-8601 form, strictly: a
     * month 13 or an hour 99 is an unreadable answer, never rolled over into another date.
     */
    @SuppressWarnings("serial")
    private static final class Rfc3339 extends StdDateFormat {
        private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
                .withZone(ZoneOffset.UTC);

        Rfc3339() {
            setLenient(false);
        }

        @Override
        public StringBuffer format(Date date, StringBuffer toAppendTo, FieldPosition fieldPosition) {
            return toAppendTo.append(FORMAT.format(date.toInstant()));
        }

        @Override
        public Rfc3339 clone() {
            return new Rfc3339();
        }
    }

    /** Writes a property when it has a value, or when the model says null was set on purpose. */
    private static final class ExplicitlySet extends SimpleBeanPropertyFilter {
        @Override
        public void serializeAsField(Object pojo, JsonGenerator json, SerializerProvider provider, PropertyWriter writer)
                throws Exception {
            String name = writer.getName();
            if (name.equals(ExplicitlySetBmcModel.EXPLICITLY_SET_PROPERTY_NAME)) {
                return;
            }
            boolean hasValue = !(writer instanceof BeanPropertyWriter bean)
                    || bean.get(pojo) != null;
            if (hasValue || (pojo instanceof ExplicitlySetBmcModel model && model.wasPropertyExplicitlySet(name))) {
                writer.serializeAsField(pojo, json, provider);
            }
        }
    }
}
